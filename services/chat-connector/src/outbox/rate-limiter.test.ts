// Request pacing arithmetic.
import { describe, expect, it } from "vitest";
import { slotMs } from "./rate-limiter.js";

describe("slotMs", () => {
  it("spaces 7 requests so that 8 never fit into one second", () => {
    expect(slotMs(7) * 7).toBeGreaterThan(1000);
  });
});
