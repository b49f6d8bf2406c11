// The circuit breaker of the model client.
import { describe, expect, it } from "vitest";
import { createCircuitBreaker } from "./circuit-breaker.js";

describe("circuit breaker", () => {
  it("opens after the threshold, half-opens after the cool-down with one trial, closes on success", () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, coolDownMs: 100, now: () => now });
    breaker.failed();
    expect(breaker.state()).toBe("closed");
    breaker.failed();
    expect(breaker.tryAcquire()).toBe(false);
    now = 100;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.succeeded();
    expect(breaker.state()).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("frees the trial when a call says nothing about the provider", () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, coolDownMs: 10, now: () => now });
    breaker.failed();
    now = 10;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.released();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
