// Webhooks as received: stored before amoCRM gets its 200, worked off afterwards, head-of-line per dialog.
import {
  claimWithLease,
  createGroupCommit,
  markDone,
  releaseWithBackoff,
  type GroupCommitOptions,
  type QueueTable,
} from "@wewall/shared";
import type pg from "pg";

export interface InboxRow {
  id: number;
  source: string;
  dialogId: string | undefined;
  payload: Record<string, unknown>;
  attempts: number;
}

export type Inbox = ReturnType<typeof createInbox>;

interface ClaimedRow {
  id: number;
  source: string;
  dialog_id: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

const INBOX: QueueTable = {
  table: "amo_inbox",
  key: "id",
  headOf: "coalesce(q.dialog_id, q.source || ':' || q.id)",
  returning: "q.id, q.source, q.dialog_id, q.payload, q.attempts",
  statement: "amo_inbox_claim",
};
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
    // Head of line per dialog (a webhook without one is its own line).
    async claim(limit: number, leaseMs: number): Promise<InboxRow[]> {
      const rows = await claimWithLease<ClaimedRow>(pool, INBOX, { limit, leaseMs });
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
    complete: (id: number, status: "done" | "failed" = "done", error?: string): Promise<void> =>
      markDone(pool, INBOX, [id], { status, doneAt: true, ...(error === undefined ? {} : { error }) }),
    // Dedup keys of processed webhooks are kept a week: amoCRM never resends older ones.
    async prune(hours: number): Promise<number> {
      const { rowCount } = await pool.query(
        "DELETE FROM amo_inbox WHERE status <> 'pending' AND done_at < now() - make_interval(hours => $1)",
        [hours],
      );
      return rowCount ?? 0;
    },
    retry: (id: number, delayMs: number, error: string): Promise<void> =>
      releaseWithBackoff(pool, INBOX, [id], { delayMs, error }),
  };
}
