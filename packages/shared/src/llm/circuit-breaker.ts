// Stops calling a failing model for a cool-down, then lets one trial call through (half-open) before trusting it again.
export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  failureThreshold: number;
  coolDownMs: number;
  now?: () => number;
}

export interface CircuitBreaker {
  /** May a call go out now? In half-open only one trial at a time. */
  tryAcquire(): boolean;
  succeeded(): void;
  failed(): void;
  /** A call that ended without telling anything about the provider's health. */
  released(): void;
  state(): CircuitState;
}

export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;

  const state = (): CircuitState => {
    if (openedAt === null) return "closed";
    return now() - openedAt >= options.coolDownMs ? "half-open" : "open";
  };

  return {
    tryAcquire() {
      const current = state();
      if (current === "closed") return true;
      if (current === "open" || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    succeeded() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failed() {
      failures += 1;
      // A failed trial re-opens at once; a closed breaker opens after the threshold.
      if (trialInFlight || failures >= options.failureThreshold) openedAt = now();
      trialInFlight = false;
    },
    released() {
      trialInFlight = false;
    },
    state,
  };
}
