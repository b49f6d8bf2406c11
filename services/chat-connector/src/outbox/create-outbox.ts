// The amoCRM call outbox: one row per call, claimed head-of-line per chat so each chat's calls keep their order.
import { claimWithLease, markDone, releaseWithBackoff, type QueueTable } from "@wewall/shared";
import type pg from "pg";

export interface OutboxCall {
  chatKey: string;
  kind: string;
  payload: Record<string, unknown>;
}

export interface OutboxRow extends OutboxCall {
  id: number;
  attempts: number;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

interface ClaimedRow {
  id: number;
  chat_key: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
}

const OUTBOX: QueueTable = {
  table: "amo_outbox",
  key: "id",
  headOf: "q.chat_key",
  returning: "q.id, q.chat_key, q.kind, q.payload, q.attempts",
  statement: "amo_outbox_claim",
};

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(pool: pg.Pool) {
  return {
    // Takes a client so the mirror can enqueue in the same transaction that moves its cursor.
    async enqueue(db: Queryable, calls: readonly OutboxCall[]): Promise<void> {
      if (calls.length === 0) return;
      await db.query(
        `INSERT INTO amo_outbox (chat_key, kind, payload)
           SELECT k, n, p FROM unnest($1::text[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS t(k, n, p, o) ORDER BY o`,
        [calls.map((c) => c.chatKey), calls.map((c) => c.kind), calls.map((c) => JSON.stringify(c.payload))],
      );
    },

    // Only the oldest pending row of a chat is eligible; the lease keeps two workers off the same row.
    async claimHeads(limit: number, leaseMs: number): Promise<OutboxRow[]> {
      const rows = await claimWithLease<ClaimedRow>(pool, OUTBOX, { limit, leaseMs });
      return rows
        .map((r) => ({ id: r.id, chatKey: r.chat_key, kind: r.kind, payload: r.payload, attempts: r.attempts }))
        .sort((a, b) => a.id - b.id);
    },

    complete: (ids: readonly number[]): Promise<void> => markDone(pool, OUTBOX, ids, { doneAt: true }),

    // `countAttempt` false: the row waited for a prerequisite, nothing was sent.
    retry: (id: number, delayMs: number, error: string, countAttempt = true): Promise<void> =>
      releaseWithBackoff(pool, OUTBOX, [id], { delayMs, error, refundAttempt: !countAttempt }),

    // A call's payload completed at send time (the model's note), so a repeated request sends the same thing.
    async replacePayload(id: number, payload: Record<string, unknown>): Promise<void> {
      await pool.query("UPDATE amo_outbox SET payload = $2 WHERE id = $1", [id, JSON.stringify(payload)]);
    },

    giveUp: (id: number, error: string): Promise<void> =>
      markDone(pool, OUTBOX, [id], { status: "failed", error, doneAt: true }),

    // Sent rows still carry message texts: keep them only as long as they help diagnose a problem.
    async prune(doneHours: number, failedHours: number): Promise<number> {
      const { rowCount } = await pool.query(
        `DELETE FROM amo_outbox WHERE (status = 'done' AND done_at < now() - make_interval(hours => $1))
            OR (status = 'failed' AND done_at < now() - make_interval(hours => $2))`,
        [doneHours, failedHours],
      );
      return rowCount ?? 0;
    },

    async pendingCount(): Promise<number> {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM amo_outbox WHERE status = 'pending'",
      );
      return rows[0]?.n ?? 0;
    },
  };
}
