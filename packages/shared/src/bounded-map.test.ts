// The bounded map: never more than its limit, the oldest entry goes first, and setting a key makes it the newest.
import { describe, expect, it } from "vitest";
import { BoundedMap } from "./bounded-map.js";

describe("BoundedMap", () => {
  it("evicts the oldest entry when a new key comes past the limit", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("c", 3);
    expect([...map.keys()]).toEqual(["b", "c"]);
    expect(map.get("a")).toBeUndefined();
  });

  it("treats setting an existing key as making it the newest, without evicting", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("a", 10);
    expect([...map.entries()]).toEqual([
      ["b", 2],
      ["a", 10],
    ]);
    map.set("c", 3);
    expect([...map.keys()]).toEqual(["a", "c"]);
  });

  it("holds up to its limit under many keys, and refuses a limit below one", () => {
    const map = new BoundedMap<number, boolean>(100);
    for (let i = 0; i < 10_000; i += 1) map.set(i, true);
    expect(map.size).toBe(100);
    expect(map.has(9_999) && !map.has(9_899)).toBe(true);
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});
