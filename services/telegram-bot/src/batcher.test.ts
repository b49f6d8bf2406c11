// The batcher: concurrent adds share a flush, results go back to their callers, failures reach the right callers.
import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher.js";

describe("createBatcher", () => {
  it("coalesces adds made in the same tick into one flush", async () => {
    const flushes: number[][] = [];
    const batcher = createBatcher<number, number>(async (items) => {
      flushes.push(items);
      return items.map((n) => n * 2);
    });
    expect(await Promise.all([1, 2, 3].map((n) => batcher.add(n)))).toEqual([2, 4, 6]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it("splits at maxBatch and rejects every caller of a failed flush", async () => {
    const sizes: number[] = [];
    const batcher = createBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        if (items.includes(13)) throw new Error("unlucky");
        return items;
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 13, 4, 5].map((n) => batcher.add(n)));
    expect(sizes).toEqual([2, 2, 1]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected", "fulfilled"]);
  });

  it("retries a batch item by item when the error belongs to one item, so only its caller fails", async () => {
    const batcher = createBatcher<number, number>(
      async (items) => {
        if (items.includes(13)) throw new Error("bad row");
        return items;
      },
      { isItemError: (error) => error instanceof Error && error.message === "bad row" },
    );
    const results = await Promise.allSettled([1, 13, 2].map((n) => batcher.add(n)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
