// Group commit: writes that arrive while one is in flight go out together, answered in order; a bad one fails alone.
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit.js";

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
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { write, batches, finishAll };
}

describe("createGroupCommit", () => {
  it("sends a lone write at once and gathers those arriving meanwhile into the next statement", async () => {
    const w = controlledWrite();
    const submit = createGroupCommit(w.write);
    const first = submit("a");
    expect(w.batches).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map(submit);
    expect(w.batches).toHaveLength(1);
    await w.finishAll();
    expect(await Promise.all([first, ...rest])).toEqual(["A", "B", "C", "D"]);
    expect(w.batches).toEqual([["a"], ["b", "c", "d"]]);
  });

  it("keeps batches within maxBatch and runs up to maxInFlight statements at once", async () => {
    const w = controlledWrite();
    const submit = createGroupCommit(w.write, { maxInFlight: 2, maxBatch: 2 });
    const results = ["a", "b", "c", "d", "e"].map(submit);
    expect(w.batches).toEqual([["a"], ["b"]]);
    await w.finishAll();
    expect(await Promise.all(results)).toEqual(["A", "B", "C", "D", "E"]);
    expect(w.batches.slice(2)).toEqual([["c", "d"], ["e"]]);
  });

  it("retries a failed batch item by item, so only the bad item fails", async () => {
    const w = controlledWrite((item) => item === "bad");
    const submit = createGroupCommit(w.write);
    const first = submit("a");
    const settled = Promise.allSettled(["b", "bad", "c"].map(submit));
    await w.finishAll();
    expect(await first).toBe("A");
    expect((await settled).map((r) => (r.status === "fulfilled" ? r.value : "rejected"))).toEqual([
      "B",
      "rejected",
      "C",
    ]);
    expect(w.batches).toEqual([["a"], ["b", "bad", "c"], ["b"], ["bad"], ["c"]]);
  });
});
