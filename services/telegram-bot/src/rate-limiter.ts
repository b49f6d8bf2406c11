// Telegram's send limits as a keyed GCRA: each key gets `perSecond` with a short burst, waiters served in order.
import { sleep as defaultSleep } from "@wewall/shared";

export interface RateLimiter {
  // Resolves when the caller may send; reserves its slot at call time so order is kept. `cost`: how many messages
  // the call sends (an album of photos counts as one message per photo).
  take(key?: string, cost?: number): Promise<void>;
  // Takes a slot only if one is free now: for what is better skipped than late (a typing indicator).
  tryTake(key?: string): boolean;
}

export interface RateLimiterOptions {
  perSecond: number;
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const interval = 1000 / options.perSecond;
  const tolerance = interval * Math.max(0, (options.burst ?? 1) - 1);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  // Theoretical arrival time per key; a key whose time has passed is back to a full burst and is forgotten.
  const arrivals = new Map<string, number>();
  let lastPrune = now();

  function prune(at: number): void {
    if (at - lastPrune < 10_000) return;
    lastPrune = at;
    for (const [key, tat] of arrivals) if (tat < at) arrivals.delete(key);
  }

  return {
    tryTake(key = "") {
      const at = now();
      prune(at);
      const tat = Math.max(arrivals.get(key) ?? at, at);
      if (tat - tolerance - at >= 0.5) return false;
      arrivals.set(key, tat + interval);
      return true;
    },
    async take(key = "", cost = 1) {
      const at = now();
      prune(at);
      const tat = Math.max(arrivals.get(key) ?? at, at);
      const allowedAt = tat - tolerance;
      arrivals.set(key, tat + interval * cost);
      // Sub-millisecond waits are float residue of the interval sums, not real limits.
      if (allowedAt - at >= 0.5) await sleep(allowedAt - at);
    },
  };
}
