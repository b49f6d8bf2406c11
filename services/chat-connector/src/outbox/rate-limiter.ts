// Per-account request pacing shared by every process: slots 1/rate apart, booked in one PostgreSQL row.
import { sleep } from "@wewall/shared";
import type pg from "pg";

export interface RateLimiter {
  acquire(): Promise<void>;
}

// A 10% margin absorbs timer and network jitter that would otherwise put rate+1 calls into a server's window.
export const slotMs = (perSecond: number) => (1000 / perSecond) * 1.1;

export function createRateLimiter(pool: pg.Pool, account: string, perSecond: number): RateLimiter {
  const interval = slotMs(perSecond);
  return {
    async acquire() {
      // The row is the booking sheet: each caller takes the next free slot, whichever process it runs in.
      const { rows } = await pool.query<{ wait_ms: number }>(
        `INSERT INTO amo_rate (account, next_free) VALUES ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
         ON CONFLICT (account) DO UPDATE
           SET next_free = GREATEST(clock_timestamp(), amo_rate.next_free) + make_interval(secs => $2 / 1000.0)
         RETURNING (EXTRACT(EPOCH FROM (next_free - clock_timestamp())) * 1000 - $2)::float8 AS wait_ms`,
        [account, interval],
      );
      const wait = rows[0]?.wait_ms ?? 0;
      if (wait > 0) await sleep(wait);
    },
  };
}
