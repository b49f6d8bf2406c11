// Group commit: items of one tick share a statement, items arriving meanwhile go together in the next one, results
// reach their callers in order, and a failure reaches only the callers it belongs to.
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./create-group-commit.js";

// A write whose completion the test controls, recording the batches it was given.
function controlledWrite(fails: (item: string) => boolean = () => false) {
  const batches: string[][] = [];
  const pending: Array<() => void> = [];
  const write = (items: string[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() =>
        items.some(fails) ? reject(new Error("bad item")) : resolve(items.map((item) => item.toUpperCase())),
      );
    });
  };
  const finishAll = async () => {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = pending.shift();
      if (!next) return;
      next();
    }
  };
  return { write, batches, finishAll };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("createGroupCommit", () => {
  it("writes the items of one tick in one statement", async () => {
    const flushes: number[][] = [];
    const group = createGroupCommit<number, number>(async (items) => {
      flushes.push(items);
      return items.map((n) => n * 2);
    });
    expect(await Promise.all([1, 2, 3].map((n) => group.add(n)))).toEqual([2, 4, 6]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it("sends a lone item at once and gathers those arriving meanwhile into the next statement", async () => {
    const w = controlledWrite();
    const group = createGroupCommit(w.write, { maxInFlight: 1 });
    const first = group.add("a");
    await tick();
    expect(w.batches).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((item) => group.add(item));
    await tick();
    expect(w.batches).toHaveLength(1);
    await w.finishAll();
    expect(await Promise.all([first, ...rest])).toEqual(["A", "B", "C", "D"]);
    expect(w.batches).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("keeps batches within maxBatch and runs up to maxInFlight statements at once", async () => {
    const w = controlledWrite();
    const group = createGroupCommit(w.write, { maxInFlight: 2, maxBatch: 2 });
    const results = ["a", "b", "c", "d", "e"].map((item) => group.add(item));
    await tick();
    expect(w.batches).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    await w.finishAll();
    expect(await Promise.all(results)).toEqual(["A", "B", "C", "D", "E"]);
    expect(w.batches.slice(2)).toEqual([["e"]]);
  });

  it("rejects every caller of a failed statement when the error is not an item's", async () => {
    const w = controlledWrite((item) => item === "bad");
    const group = createGroupCommit(w.write, { maxBatch: 2, maxInFlight: 1 });
    const settled = Promise.allSettled(["a", "b", "bad", "c", "d"].map((item) => group.add(item)));
    await w.finishAll();
    expect((await settled).map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
  });

  it("retries a batch item by item when the error belongs to an item, so only its caller fails", async () => {
    const w = controlledWrite((item) => item === "bad");
    const group = createGroupCommit(w.write, { isItemError: () => true });
    const settled = Promise.allSettled(["b", "bad", "c"].map((item) => group.add(item)));
    await w.finishAll();
    expect((await settled).map((r) => (r.status === "fulfilled" ? r.value : "rejected"))).toEqual([
      "B",
      "rejected",
      "C",
    ]);
    expect(w.batches).toEqual([["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
  });

  it("rejects a caller whose item got no result, and settles after the statements in flight", async () => {
    let finished = false;
    const group = createGroupCommit<number, number>(async (items) => {
      await tick();
      finished = true;
      return items.slice(1);
    });
    const settled = Promise.allSettled([1, 2].map((n) => group.add(n)));
    await Promise.resolve();
    await group.settled();
    expect(finished).toBe(true);
    expect((await settled).map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
  });
});
