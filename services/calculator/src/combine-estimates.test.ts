// Similarity weighting and the trimmed mean, checked by hand.
import { describe, expect, it } from "vitest";
import { combineEstimates, weightedQuantile } from "./combine-estimates.js";

describe("combineEstimates", () => {
  it("weights by exp(-Δdistance / 0.5)", () => {
    const result = combineEstimates([
      { value: 100, distance: 0 },
      { value: 110, distance: 0.5 },
    ]);
    // weights 1 and e^-1 = 0.3679 → (100 + 110 × 0.3679) / 1.3679
    expect(result.weights[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(result.value).toBeCloseTo((100 + 110 * Math.exp(-1)) / (1 + Math.exp(-1)), 6);
  });

  it("drops analogs more than 15 % from the weighted median, but keeps them in the range", () => {
    const result = combineEstimates([
      { value: 100, distance: 0 },
      { value: 104, distance: 0 },
      { value: 96, distance: 0 },
      { value: 200, distance: 0 },
    ]);
    expect(result.weights[3]).toBe(0);
    expect(result.value).toBeCloseTo(100, 6);
    expect(result.high).toBe(200);
    expect(result.low).toBe(96);
  });

  it("weighted quantiles follow the cumulative weight", () => {
    const items = [
      { value: 1, weight: 1 },
      { value: 2, weight: 3 },
      { value: 3, weight: 1 },
    ];
    expect(weightedQuantile(items, 0.1)).toBe(1);
    expect(weightedQuantile(items, 0.5)).toBe(2);
    expect(weightedQuantile(items, 0.9)).toBe(3);
  });
});
