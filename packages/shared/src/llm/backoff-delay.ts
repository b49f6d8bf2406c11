// Exponential backoff with jitter: retries of many dialogs must not hit a recovering model in lockstep.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/** Delay before retry number `attempt` (0-based): half fixed, half random, within the cap. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
