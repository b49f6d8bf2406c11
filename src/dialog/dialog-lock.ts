// One turn at a time per dialog: a promise chain in this process, and a Redis lease across processes when Redis is there.
import { randomUUID } from "node:crypto";
import { backoffDelay, sleep } from "@wewall/shared";
import type { Redis } from "ioredis";

export interface DialogLock {
  withLock<T>(dialogId: string, work: () => Promise<T>): Promise<T>;
}

export function createLocalLock(): DialogLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async withLock(dialogId, work) {
      const previous = tails.get(dialogId) ?? Promise.resolve();
      const run = previous.then(work, work);
      const tail = run.catch(() => undefined);
      tails.set(dialogId, tail);
      try {
        return await run;
      } finally {
        if (tails.get(dialogId) === tail) tails.delete(dialogId);
      }
    },
  };
}

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

// A short lease renewed while the turn runs, not a long fixed one: a process that dies (kill -9) stops renewing, and
// its dialogs' next turns wait at most one lease, not the longest turn we might ever run (issue 18).
export const DIALOG_LOCK_LEASE_MS = 6_000;

export class LockTimeoutError extends Error {
  readonly code = "lock_timeout";
}

export function createRedisLock(redis: Redis, options: { leaseMs?: number; waitMs?: number } = {}): DialogLock {
  const local = createLocalLock();
  const leaseMs = options.leaseMs ?? DIALOG_LOCK_LEASE_MS;
  const waitMs = options.waitMs ?? 60_000;
  return {
    withLock(dialogId, work) {
      return local.withLock(dialogId, async () => {
        const key = `wewall:lock:${dialogId}`;
        const token = randomUUID();
        const deadline = Date.now() + waitMs;
        for (let attempt = 0; (await redis.set(key, token, "PX", leaseMs, "NX")) !== "OK"; attempt += 1) {
          if (Date.now() > deadline) throw new LockTimeoutError(`dialog ${dialogId} stayed locked for ${waitMs} ms`);
          await sleep(backoffDelay(attempt, { baseMs: 5, maxMs: 100, jitter: 0 }));
        }
        // A third of the lease: two renewals may fail before it lapses. A lapsed lock is safe, only slower: the turn's
        // statement writes only while the dialog is as the turn found it.
        const renewal = setInterval(() => {
          redis.eval(RENEW, 1, key, token, leaseMs).catch(() => undefined);
        }, leaseMs / 3);
        try {
          return await work();
        } finally {
          clearInterval(renewal);
          await redis.eval(RELEASE, 1, key, token);
        }
      });
    },
  };
}
