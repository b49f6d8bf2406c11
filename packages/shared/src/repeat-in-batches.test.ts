// repeatInBatches: full batches run back to back, a short one pauses, a failure is logged and retried, stop ends it.
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { repeatInBatches } from "./repeat-in-batches.js";

describe("repeatInBatches", () => {
  it("goes on at once after a full batch, pauses after a short one, survives a failure and stops", async () => {
    const sizes = [10, 10, 3];
    let calls = 0;
    let failed = false;
    const work = repeatInBatches({
      async once() {
        calls += 1;
        if (calls === 4 && !failed) {
          failed = true;
          throw new Error("database away");
        }
        return sizes.shift() ?? 0;
      },
      batch: 10,
      pauseMs: 20,
      logger: createLogger("test", "silent"),
      failure: "failed",
    });
    const started = performance.now();
    work.start();
    while (calls < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await work.stop();
    // Three batches back to back, then a pause, the failure, a pause, the next call.
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(after);
  });
});
