// The one claim / lease / retry of every inbox and outbox: SQL built from a table's description, and the calls.
//
// Vocabulary (every queue table has these columns, with these meanings; see README.md beside this file):
//   status           'pending' while the row waits or is worked on; any other value is final ('done', 'sent',
//                    'acked', 'failed', 'cancelled': each queue names its own outcomes)
//   attempts         how many times work on the row started (a claim counts one)
//   next_attempt_at  not claimable before this time (the backoff of a failed attempt)
//   lease_until      a claimer holds the row until then; NULL or past means free to claim
//   last_error       why the last attempt failed
//   created_at       when the row was queued; done_at, when it left 'pending' (where a queue keeps that)
//
// pg-boss 10.x and graphile-worker 0.17.x were measured against these queues and do not replace them; README.md
// has the reasons (in short: neither runs on the embedded PGlite through one connection, neither can add a job
// inside the core's single turn statement, neither claims head-of-line per key).
import type pg from "pg";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export interface QueueTable {
  /** The table, e.g. "amo_outbox". */
  table: string;
  /** Its key column, increasing with arrival ("id", "seq"). */
  key: string;
  /**
   * Head of line: an SQL expression over the row (alias q) whose rows are worked one at a time, oldest first. Only
   * the oldest pending row of each value is claimable, so a later row never overtakes an earlier one.
   */
  headOf?: string;
  /** More conditions on a claimable row (alias q); `$3`, `$4`… are the claim's `params`. */
  where?: string;
  /** What a claim returns, over alias q (defaults to every column). */
  returning?: string;
  /** The statement name prepared per connection, for queues claimed often. */
  statement?: string;
}

export interface ClaimOptions {
  limit: number;
  leaseMs: number;
  /** Values of `$3`, `$4`… in the table's `where`. */
  params?: unknown[];
}

const FREE = "(q.lease_until IS NULL OR q.lease_until < now())";

/**
 * Claims up to `$1` due pending rows for `$2` seconds: sets lease_until, counts the attempt, returns the rows.
 * Locked rows are skipped (FOR UPDATE SKIP LOCKED), so concurrent claimers never get the same row.
 */
export function claimSql(queue: QueueTable): string {
  const { table, key } = queue;
  const extra = queue.where ? ` AND (${queue.where})` : "";
  // DISTINCT ON cannot lock rows: the heads are found first, then locked through a join back to the table, where the
  // row's own columns are checked again (they may have changed since the heads were read).
  const candidates = queue.headOf
    ? `(SELECT DISTINCT ON (${queue.headOf}) q.${key} FROM ${table} q WHERE q.status = 'pending'
         ORDER BY ${queue.headOf}, q.${key}) AS h JOIN ${table} q ON q.${key} = h.${key}`
    : `${table} q`;
  return `WITH due AS (
      SELECT q.${key} FROM ${candidates}
      WHERE q.status = 'pending' AND q.next_attempt_at <= now() AND ${FREE}${extra}
      ORDER BY q.next_attempt_at, q.${key} LIMIT $1 FOR UPDATE OF q SKIP LOCKED
    )
    UPDATE ${table} q SET lease_until = now() + make_interval(secs => $2), attempts = q.attempts + 1
    FROM due WHERE q.${key} = due.${key}
    RETURNING ${queue.returning ?? "q.*"}`;
}

export async function claimWithLease<Row extends pg.QueryResultRow>(
  db: Queryable,
  queue: QueueTable,
  options: ClaimOptions,
): Promise<Row[]> {
  const values = [options.limit, options.leaseMs / 1000, ...(options.params ?? [])];
  const text = claimSql(queue);
  const { rows } = await db.query<Row>(queue.statement ? { name: queue.statement, text, values } : { text, values });
  return rows;
}

export interface ReleaseOptions {
  /** When the rows may be claimed again, from now. */
  delayMs: number;
  error?: string;
  /** The attempt did not count (the row waited for something else; nothing was tried). */
  refundAttempt?: boolean;
}

/** Gives claimed rows back, claimable again after `delayMs`, with the error that made them wait. */
export async function releaseWithBackoff(
  db: Queryable,
  queue: QueueTable,
  keys: readonly (number | string)[],
  options: ReleaseOptions,
): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    `UPDATE ${queue.table} SET lease_until = NULL, next_attempt_at = now() + make_interval(secs => $2),
       last_error = coalesce($3, last_error), attempts = greatest(attempts - $4, 0)
     WHERE ${queue.key} = ANY($1) AND status = 'pending'`,
    [keys, options.delayMs / 1000, options.error?.slice(0, 500) ?? null, options.refundAttempt ? 1 : 0],
  );
}

export interface DoneOptions {
  /** The final status (default 'done'). */
  status?: string;
  error?: string;
  /** Also set done_at (for tables that keep it). */
  doneAt?: boolean;
}

/** SQL that ends rows `$1` with status `$2` and error `$3` (reusable inside a larger statement by name). */
export function markDoneSql(queue: QueueTable, options: { doneAt?: boolean } = {}): string {
  return `UPDATE ${queue.table} SET status = $2, lease_until = NULL, last_error = coalesce($3, last_error)${
    options.doneAt ? ", done_at = now()" : ""
  } WHERE ${queue.key} = ANY($1)`;
}

/** Ends claimed rows: no longer pending, lease dropped. */
export async function markDone(
  db: Queryable,
  queue: QueueTable,
  keys: readonly (number | string)[],
  options: DoneOptions = {},
): Promise<void> {
  if (keys.length === 0) return;
  await db.query(markDoneSql(queue, options), [keys, options.status ?? "done", options.error?.slice(0, 500) ?? null]);
}

/** Extends the leases of rows a worker still holds (in memory past one lease); answers the keys still pending. */
export async function renewLeases(
  db: Queryable,
  queue: QueueTable,
  keys: readonly (number | string)[],
  leaseMs: number,
): Promise<Set<number | string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await db.query<{ key: number | string }>(
    `UPDATE ${queue.table} SET lease_until = now() + make_interval(secs => $2)
     WHERE ${queue.key} = ANY($1) AND status = 'pending' RETURNING ${queue.key} AS key`,
    [keys, leaseMs / 1000],
  );
  return new Set(rows.map((row) => row.key));
}
