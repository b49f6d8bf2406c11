// The one sleep: waits its time, and an abort (before or during) ends it at once without an error.
import { describe, expect, it } from "vitest";
import { sleep } from "./sleep.js";

describe("sleep", () => {
  it("resolves after about the given time", async () => {
    const started = performance.now();
    await sleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it("resolves at once when aborted while waiting, and when already aborted", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const waiting = sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await waiting;
    await sleep(60_000, controller.signal);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
