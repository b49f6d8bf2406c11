// Exponential backoff with jitter, the one formula of every retry loop: retries after an outage must not arrive in step.
export interface BackoffOptions {
  /** The delay of attempt 0 before jitter; each further attempt doubles it. */
  baseMs: number;
  /** The cap of the doubled delay. */
  maxMs: number;
  /** Share of the delay drawn at random: 0 none, 0.5 (the default) half fixed and half random, 1 all random. */
  jitter?: number;
  random?: () => number;
}

// 2 ** 40 times any base is past every cap; a larger exponent only risks Infinity times a zero base.
const MAX_EXPONENT = 40;

/** Delay in whole milliseconds before retry number `attempt` (0-based): `baseMs * 2 ** attempt`, capped, jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(attempt, 0), MAX_EXPONENT);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(options.jitter ?? 0.5, 0), 1);
  const random = jitter === 0 ? 0 : (options.random ?? Math.random)();
  return Math.round(ceiling * (1 - jitter + jitter * random));
}
