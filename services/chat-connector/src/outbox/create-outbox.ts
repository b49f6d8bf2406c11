// The amoCRM call outbox: one row per call, claimed head-of-line per chat so each chat's calls keep their order.
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
      const { rows } = await pool.query<{
        id: number;
        chat_key: string;
        kind: string;
        payload: Record<string, unknown>;
        attempts: number;
      }>(
        `WITH heads AS (
           SELECT DISTINCT ON (chat_key) id, next_at, leased_until
             FROM amo_outbox WHERE state = 'pending' ORDER BY chat_key, id
         ), due AS (
           SELECT id FROM heads
            WHERE next_at <= now() AND (leased_until IS NULL OR leased_until < now())
            ORDER BY next_at, id LIMIT $1
         )
         UPDATE amo_outbox o SET leased_until = now() + make_interval(secs => $2)
           FROM due WHERE o.id = due.id AND o.state = 'pending' AND (o.leased_until IS NULL OR o.leased_until < now())
         RETURNING o.id, o.chat_key, o.kind, o.payload, o.attempts`,
        [limit, leaseMs / 1000],
      );
      return rows
        .map((r) => ({ id: r.id, chatKey: r.chat_key, kind: r.kind, payload: r.payload, attempts: r.attempts }))
        .sort((a, b) => a.id - b.id);
    },

    async complete(ids: readonly number[]): Promise<void> {
      if (ids.length === 0) return;
      await pool.query(
        "UPDATE amo_outbox SET state = 'done', done_at = now(), leased_until = NULL, attempts = attempts + 1 WHERE id = ANY($1)",
        [ids],
      );
    },

    // `countAttempt` false: the row waited for a prerequisite, nothing was sent.
    async retry(id: number, delayMs: number, error: string, countAttempt = true): Promise<void> {
      await pool.query(
        `UPDATE amo_outbox SET next_at = now() + make_interval(secs => $2), leased_until = NULL, last_error = $3,
           attempts = attempts + $4 WHERE id = $1`,
        [id, delayMs / 1000, error.slice(0, 500), countAttempt ? 1 : 0],
      );
    },

    // A call's payload completed at send time (the model's note), so a repeated request sends the same thing.
    async replacePayload(id: number, payload: Record<string, unknown>): Promise<void> {
      await pool.query("UPDATE amo_outbox SET payload = $2 WHERE id = $1", [id, JSON.stringify(payload)]);
    },

    async giveUp(id: number, error: string): Promise<void> {
      await pool.query(
        "UPDATE amo_outbox SET state = 'failed', done_at = now(), leased_until = NULL, last_error = $2, attempts = attempts + 1 WHERE id = $1",
        [id, error.slice(0, 500)],
      );
    },

    // Sent rows still carry message texts: keep them only as long as they help diagnose a problem.
    async prune(doneHours: number, failedHours: number): Promise<number> {
      const { rowCount } = await pool.query(
        `DELETE FROM amo_outbox WHERE (state = 'done' AND done_at < now() - make_interval(hours => $1))
            OR (state = 'failed' AND done_at < now() - make_interval(hours => $2))`,
        [doneHours, failedHours],
      );
      return rowCount ?? 0;
    },

    async pendingCount(): Promise<number> {
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM amo_outbox WHERE state = 'pending'",
      );
      return rows[0]?.n ?? 0;
    },
  };
}
