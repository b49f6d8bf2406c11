// The one backoff formula: doubling from the base up to the cap, with as much jitter as asked for.
import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff-delay.js";

describe("backoffDelay", () => {
  const low = { baseMs: 100, maxMs: 1000, random: () => 0 };
  const high = { ...low, random: () => 1 };

  it("doubles per attempt up to the cap, with half the delay random by default", () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, low))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, high))).toEqual([100, 200, 400, 800, 1000]);
  });

  it("is exact without jitter and all random with full jitter", () => {
    expect([0, 1, 5].map((n) => backoffDelay(n, { baseMs: 250, maxMs: 30_000, jitter: 0 }))).toEqual([250, 500, 8000]);
    expect(backoffDelay(2, { ...low, jitter: 1 })).toBe(0);
    expect(backoffDelay(2, { ...high, jitter: 1 })).toBe(400);
    expect(backoffDelay(1, { baseMs: 100, maxMs: 1000, jitter: 1, random: () => 0.5 })).toBe(100);
  });

  it("stays at the cap for any attempt, counts a negative attempt as the first, and rounds to whole ms", () => {
    expect(backoffDelay(10_000, high)).toBe(1000);
    expect(backoffDelay(10_000, { baseMs: 0, maxMs: 1000, jitter: 0 })).toBe(0);
    expect(backoffDelay(-3, high)).toBe(100);
    expect(Number.isInteger(backoffDelay(3, { baseMs: 7, maxMs: 1000, random: () => 0.333 }))).toBe(true);
  });
});
