// Backoff arithmetic with a fixed random source.
import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";
import { slotMs } from "./rate-limiter.js";

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

describe("slotMs", () => {
  it("spaces 7 requests so that 8 never fit into one second", () => {
    expect(slotMs(7) * 7).toBeGreaterThan(1000);
  });
});
