// The rows this process holds in its memory lanes: leased when stored, renewed while held, given back on shutdown.
// One process owns the bot token, so the leases only matter after it stopped or crashed: the next one claims what
// it left once the leases end (at once after a shutdown, which gives them back).
import type pg from "pg";
import { claimWithLease, releaseWithBackoff, renewLeases, type QueueTable } from "@wewall/shared";

/**
 * How long a stored row stays with the process that stored it without being renewed: short, so that after a crash
 * the next process takes the chats over within seconds (renewed every third of it while the holder lives).
 */
export const LEASE_MS = 6_000;
/** The SQL of a new row's lease, written by the statement that stores it (no round trip of its own). */
export const NEW_LEASE = `now() + interval '${LEASE_MS / 1000} seconds'`;
const CLAIM_BATCH = 1_000;

export function createHeldLeases<Row extends pg.QueryResultRow>(
  pool: pg.Pool,
  queue: QueueTable,
  keyOf: (row: Row) => number,
) {
  const held = new Set<number>();
  return {
    hold(key: number): void {
      held.add(key);
    },
    /** Rows no process holds (new leases for this one), oldest first; rows it already holds are not returned twice. */
    async claim(): Promise<Row[]> {
      const claimed: Row[] = [];
      for (;;) {
        const rows = await claimWithLease<Row>(pool, queue, { limit: CLAIM_BATCH, leaseMs: LEASE_MS });
        claimed.push(...rows.filter((row) => !held.has(keyOf(row))));
        for (const row of rows) held.add(keyOf(row));
        if (rows.length < CLAIM_BATCH) break;
      }
      return claimed.sort((a, b) => keyOf(a) - keyOf(b));
    },
    /** Keeps the leases of rows still pending; finished and erased rows are let go. */
    async renew(): Promise<void> {
      const pending = await renewLeases(pool, queue, [...held], LEASE_MS);
      for (const key of held) if (!pending.has(key)) held.delete(key);
    },
    async release(): Promise<void> {
      await releaseWithBackoff(pool, queue, [...held], { delayMs: 0, refundAttempt: false });
      held.clear();
    },
  };
}
