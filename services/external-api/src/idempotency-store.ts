// Stored answers of POSTs sent with an Idempotency-Key, per partner, for 24 hours (Stripe's semantics).
import { createHash } from "node:crypto";
import type pg from "pg";

export type Claim =
  { kind: "new" } | { kind: "replay"; status: number; body: string } | { kind: "in_progress" } | { kind: "mismatch" };

/** What makes two requests "the same" under one key: method, path with query, and body. */
export function requestHash(method: string, url: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${url}\n${JSON.stringify(body)}`)
    .digest("hex");
}

// How long a first request holds its key; one that neither answered nor failed by then died with its process.
const LOCK_SECONDS = 60;

export function createIdempotencyStore(pool: pg.Pool) {
  return {
    async claim(partnerId: string, key: string, hash: string): Promise<Claim> {
      // Taken when new, expired, or left running by a process that died (the same request, redone: every call
      // behind these routes is itself idempotent or a read).
      const { rows: taken } = await pool.query(
        `INSERT INTO partner_idempotency (partner_id, key, request_hash, locked_until)
         VALUES ($1, $2, $3, now() + make_interval(secs => ${LOCK_SECONDS}))
         ON CONFLICT (partner_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL,
           created_at = now(), locked_until = EXCLUDED.locked_until
         WHERE partner_idempotency.created_at < now() - interval '24 hours'
            OR (partner_idempotency.status IS NULL AND partner_idempotency.locked_until < now()
                AND partner_idempotency.request_hash = EXCLUDED.request_hash)
         RETURNING 1`,
        [partnerId, key, hash],
      );
      if (taken.length > 0) return { kind: "new" };
      const { rows } = await pool.query<{ request_hash: string; status: number | null; body: string | null }>(
        "SELECT request_hash, status, body FROM partner_idempotency WHERE partner_id = $1 AND key = $2",
        [partnerId, key],
      );
      const row = rows[0];
      if (!row) return { kind: "in_progress" };
      if (row.request_hash !== hash) return { kind: "mismatch" };
      if (row.status === null || row.body === null) return { kind: "in_progress" };
      return { kind: "replay", status: row.status, body: row.body };
    },
    async complete(partnerId: string, key: string, status: number, body: string): Promise<void> {
      await pool.query(
        "UPDATE partner_idempotency SET status = $3, body = $4, locked_until = NULL WHERE partner_id = $1 AND key = $2",
        [partnerId, key, status, body],
      );
    },
    /** Forgets answers older than a day (a key is reusable after 24 h anyway); returns how many. */
    async purgeExpired(): Promise<number> {
      const { rowCount } = await pool.query(
        "DELETE FROM partner_idempotency WHERE created_at < now() - interval '24 hours'",
      );
      return rowCount ?? 0;
    },
    /** A failure on our side: the key is free again, so the partner's retry does the work. */
    async release(partnerId: string, key: string): Promise<void> {
      await pool.query("DELETE FROM partner_idempotency WHERE partner_id = $1 AND key = $2 AND status IS NULL", [
        partnerId,
        key,
      ]);
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
