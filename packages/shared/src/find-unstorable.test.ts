// The door check of every request (findUnstorable): bounded in depth, no recursion, and cheap on a raw forged body.
import { describe, expect, it } from "vitest";
import { findUnstorable, MAX_INPUT_DEPTH } from "./http-app.js";

const nested = (levels: number): unknown => JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);

describe("findUnstorable", () => {
  it("reports the first unstorable string in document order", () => {
    expect(findUnstorable({ a: "ok", b: ["x", "bad\0"], c: "\ud800" }, "body")).toEqual({
      path: "body.b.1",
      tooDeep: false,
    });
    expect(findUnstorable({ a: "ok", n: 1, z: null }, "body")).toBeUndefined();
  });

  it("stops at the depth bound instead of overflowing the stack", () => {
    expect(findUnstorable(nested(MAX_INPUT_DEPTH), "body")).toBeUndefined();
    expect(findUnstorable(nested(MAX_INPUT_DEPTH + 1), "body")).toMatchObject({ tooDeep: true });
    expect(findUnstorable(nested(200_000), "body")).toMatchObject({ tooDeep: true });
  });

  it("does not walk a raw body byte by byte (a forged signed webhook costs well under a millisecond)", () => {
    const forged = Buffer.alloc(1_048_576, "a");
    findUnstorable(forged, "body");
    const startedAt = performance.now();
    for (let i = 0; i < 100; i += 1) findUnstorable(forged, "body");
    expect((performance.now() - startedAt) / 100).toBeLessThan(1);
  });
});
