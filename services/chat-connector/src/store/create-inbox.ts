// Webhooks as received: stored before amoCRM gets its 200, worked off afterwards, head-of-line per dialog.
import { createGroupCommit, type GroupCommitOptions } from "@wewall/shared";
import type pg from "pg";

export interface InboxRow {
  id: number;
  source: string;
  dialogId: string | undefined;
  payload: Record<string, unknown>;
  attempts: number;
}

export type Inbox = ReturnType<typeof createInbox>;
export type StoreOutcome = "stored" | "duplicate" | "unknown_dialog";

interface WebhookItem {
  source: string;
  dedupKey: string;
  dialogId: string;
  // The JSON text as received: PostgreSQL parses it once, nothing re-serialises it.
  payload: string;
}

// durableAck false (AMOCRM_WEBHOOK_DURABLE_ACK=off): a webhook row commits without waiting for the WAL flush, so a
// PostgreSQL crash within a fraction of a second could lose an acknowledged webhook (an app crash cannot).
export function createInbox(pool: pg.Pool, options: { durableAck?: boolean; groupCommit?: GroupCommitOptions } = {}) {
  const durableAck = options.durableAck ?? true;
  // One statement at a time: webhooks arriving meanwhile gather for the next. A failed statement is retried item by
  // item, so one bad webhook fails alone.
  const storeGrouped = createGroupCommit<WebhookItem, StoreOutcome>(
    async (items) => {
      const { rows } = await pool.query<{ outcomes: string[] }>({
        name: "amo_store_webhooks",
        text: "SELECT amo_store_webhooks($1, $2, $3, $4, $5) AS outcomes",
        values: [
          items.map((i) => i.source),
          items.map((i) => i.dedupKey),
          items.map((i) => i.dialogId),
          items.map((i) => i.payload),
          durableAck,
        ],
      });
      return (rows[0]?.outcomes ?? []).map((o) => (o === "stored" || o === "duplicate" ? o : "unknown_dialog"));
    },
    { maxInFlight: 1, maxBatch: 100, isItemError: () => true, ...options.groupCommit },
  );
  return {
    // false: amoCRM (or someone replaying it) sent the same item again.
    async add(source: string, dedupKey: string, dialogId: string | undefined, payload: unknown): Promise<boolean> {
      const { rowCount } = await pool.query(
        `INSERT INTO amo_inbox (source, dedup_key, dialog_id, payload) VALUES ($1, $2, $3, $4)
           ON CONFLICT (source, dedup_key) DO NOTHING`,
        [source, dedupKey, dialogId ?? null, JSON.stringify(payload)],
      );
      return rowCount === 1;
    },
    // The webhook's hot path: is the dialog ours, and store the item if so. Webhooks arriving together share one
    // statement (one commit, one WAL flush); each is answered only after that commit.
    addForDialog(source: string, dedupKey: string, dialogId: string, payload: string): Promise<StoreOutcome> {
      return storeGrouped.add({ source, dedupKey, dialogId, payload });
    },
    async claim(limit: number, leaseMs: number): Promise<InboxRow[]> {
      const { rows } = await pool.query<{
        id: number;
        source: string;
        dialog_id: string | null;
        payload: Record<string, unknown>;
        attempts: number;
      }>(
        `WITH heads AS (
           SELECT DISTINCT ON (COALESCE(dialog_id, source || ':' || id)) id, next_at, leased_until
             FROM amo_inbox WHERE state = 'pending' ORDER BY COALESCE(dialog_id, source || ':' || id), id
         ), due AS (
           SELECT id FROM heads WHERE next_at <= now() AND (leased_until IS NULL OR leased_until < now()) ORDER BY id LIMIT $1
         )
         UPDATE amo_inbox i SET leased_until = now() + make_interval(secs => $2)
           FROM due WHERE i.id = due.id AND i.state = 'pending' AND (i.leased_until IS NULL OR i.leased_until < now())
         RETURNING i.id, i.source, i.dialog_id, i.payload, i.attempts`,
        [limit, leaseMs / 1000],
      );
      return rows
        .map((r) => ({
          id: r.id,
          source: r.source,
          dialogId: r.dialog_id ?? undefined,
          payload: r.payload,
          attempts: r.attempts,
        }))
        .sort((a, b) => a.id - b.id);
    },
    async complete(id: number, state: "done" | "failed" = "done", error?: string): Promise<void> {
      await pool.query(
        "UPDATE amo_inbox SET state = $2, done_at = now(), leased_until = NULL, attempts = attempts + 1, last_error = $3 WHERE id = $1",
        [id, state, error?.slice(0, 500) ?? null],
      );
    },
    // Dedup keys of processed webhooks are kept a week: amoCRM never resends older ones.
    async prune(hours: number): Promise<number> {
      const { rowCount } = await pool.query(
        "DELETE FROM amo_inbox WHERE state <> 'pending' AND done_at < now() - make_interval(hours => $1)",
        [hours],
      );
      return rowCount ?? 0;
    },
    async retry(id: number, delayMs: number, error: string): Promise<void> {
      await pool.query(
        `UPDATE amo_inbox SET next_at = now() + make_interval(secs => $2), leased_until = NULL, attempts = attempts + 1,
           last_error = $3 WHERE id = $1`,
        [id, delayMs / 1000, error.slice(0, 500)],
      );
    },
  };
}
