// Per-account request pacing: requests are spaced evenly at the allowed rate, so no second ever sees more.
export interface RateLimiter {
  // Books the next slot and says how long to wait for it.
  reserve(): number;
  acquire(): Promise<void>;
}

export function createRateLimiter(perSecond: number, now: () => number = () => performance.now()): RateLimiter {
  // A 2% margin absorbs timer and network jitter that would otherwise put rate+1 calls into a server's window.
  const interval = (1000 / perSecond) * 1.02;
  let nextFree = Number.NEGATIVE_INFINITY;
  const reserve = () => {
    const current = now();
    const at = Math.max(current, nextFree);
    nextFree = at + interval;
    return at - current;
  };
  return {
    reserve,
    acquire() {
      const wait = reserve();
      return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

// One limiter per account key, shared by every client that talks to that account.
export function createRateLimiters(perSecond: number) {
  const limiters = new Map<string, RateLimiter>();
  return (account: string): RateLimiter => {
    let limiter = limiters.get(account);
    if (!limiter) {
      limiter = createRateLimiter(perSecond);
      limiters.set(account, limiter);
    }
    return limiter;
  };
}
