// Lanes: one key in order, keys side by side, late arrivals sorted, erased items dropped, stop leaves the rest.
import { describe, expect, it } from "vitest";
import { createLanes } from "./lanes.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("createLanes", () => {
  it("runs one key's items in order while other keys run concurrently", async () => {
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    const lanes = createLanes<number>({
      run: async (key, item) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await tick();
        log.push(`${key}${item}`);
        active -= 1;
      },
      onError: () => undefined,
      compare: (a, b) => a - b,
    });
    lanes.push("a", 1);
    lanes.push("b", 1);
    lanes.push("a", 3);
    lanes.push("a", 2);
    await lanes.idle();
    expect(log.filter((entry) => entry.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
    expect(maxActive).toBe(2);
    expect(lanes.size).toBe(0);
  });

  it("keeps going after an item throws, reporting it", async () => {
    const errors: unknown[] = [];
    const done: number[] = [];
    const lanes = createLanes<number>({
      run: async (_key, item) => {
        if (item === 1) throw new Error("boom");
        done.push(item);
      },
      onError: (error) => errors.push(error),
    });
    lanes.push("k", 1);
    lanes.push("k", 2);
    await lanes.idle();
    expect(errors).toHaveLength(1);
    expect(done).toEqual([2]);
  });

  it("stop lets the running item see the signal and leaves the queued ones", async () => {
    const done: number[] = [];
    const lanes = createLanes<number>({
      run: async (_key, item, signal) => {
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        done.push(item);
      },
      onError: () => undefined,
    });
    lanes.push("k", 1);
    lanes.push("k", 2);
    await lanes.stop();
    expect(done).toEqual([1]);
    lanes.push("k", 3);
    expect(lanes.size).toBe(1);
  });

  it("drop forgets the picked items of a key and aborts the picked one that runs", async () => {
    const done: string[] = [];
    const aborted: number[] = [];
    const lanes = createLanes<number>({
      run: async (key, item, signal) => {
        if (item === 1) {
          await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
          aborted.push(item);
          return;
        }
        done.push(`${key}${item}`);
      },
      onError: () => undefined,
    });
    for (const item of [1, 2, 3, 4]) lanes.push("k", item);
    lanes.push("other", 2);
    lanes.drop("k", (item) => item <= 2);
    // The aborted item counts until it has returned.
    expect(lanes.size).toBe(4);
    await lanes.idle();
    expect(aborted).toEqual([1]);
    expect(done.sort()).toEqual(["k3", "k4", "other2"]);
    expect(lanes.size).toBe(0);
  });

  it("runs at most `concurrency` lanes at once, and every lane in the end", async () => {
    let active = 0;
    let maxActive = 0;
    const done: string[] = [];
    const lanes = createLanes<number>({
      run: async (key) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await tick();
        done.push(key);
        active -= 1;
      },
      onError: () => undefined,
      concurrency: 2,
    });
    for (const key of ["a", "b", "c", "d", "e"]) lanes.push(key, 1);
    await lanes.idle();
    expect(maxActive).toBe(2);
    expect(done.sort()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("with a hold, items that raced each other start in order", async () => {
    const log: number[] = [];
    const lanes = createLanes<number>({
      run: async (_key, item) => void log.push(item),
      onError: () => undefined,
      compare: (a, b) => a - b,
      hold: () => new Promise((resolve) => setTimeout(resolve, 5)),
    });
    lanes.push("k", 3);
    lanes.push("k", 1);
    lanes.push("k", 2);
    await lanes.idle();
    expect(log).toEqual([1, 2, 3]);
  });
});
