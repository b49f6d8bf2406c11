// The pacing and backoff arithmetic, on a fake clock.
import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";
import { createRateLimiter, createRateLimiters } from "./rate-limiter.js";

describe("createRateLimiter", () => {
  it("books a burst 1/rate apart so no one-second window holds more than `rate`", () => {
    const clock = 1000;
    const limiter = createRateLimiter(7, () => clock);
    const waits = Array.from({ length: 15 }, () => limiter.reserve());
    const starts = waits.map((wait) => clock + wait);
    expect(waits[0]).toBe(0);
    for (const start of starts)
      expect(starts.filter((s) => s >= start && s < start + 1000).length).toBeLessThanOrEqual(7);
    // 15 requests at 7/s need two seconds.
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(2000);
  });

  it("does not save up slots while idle", () => {
    let clock = 0;
    const limiter = createRateLimiter(7, () => clock);
    limiter.reserve();
    clock = 60_000;
    expect(limiter.reserve()).toBe(0);
    expect(limiter.reserve()).toBeGreaterThanOrEqual(1000 / 7);
  });

  it("keeps one limiter per account", () => {
    const limiterFor = createRateLimiters(7);
    expect(limiterFor("a")).toBe(limiterFor("a"));
    expect(limiterFor("a")).not.toBe(limiterFor("b"));
  });
});

describe("backoffDelay", () => {
  const options = { baseMs: 100, maxMs: 10_000 };
  it("doubles per attempt within half and full of the step, capped", () => {
    expect(backoffDelay(1, options, undefined, () => 0)).toBe(50);
    expect(backoffDelay(1, options, undefined, () => 1)).toBe(100);
    expect(backoffDelay(4, options, undefined, () => 1)).toBe(800);
    expect(backoffDelay(30, options, undefined, () => 1)).toBe(10_000);
  });
  it("honours Retry-After", () => {
    expect(backoffDelay(1, options, 3000, () => 0)).toBe(3000);
  });
});
