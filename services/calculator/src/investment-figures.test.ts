// Yields, payback and IRR against hand-computed examples.
import { describe, expect, it } from "vitest";
import { internalRateOfReturn, investmentFigures, netPresentValue } from "./investment-figures.js";

describe("investment arithmetic", () => {
  it("IRR of a bond-like flow is its coupon", () => {
    expect(internalRateOfReturn([-100, 10, 10, 110])).toBeCloseTo(0.1, 8);
    expect(netPresentValue(0.1, [-100, 10, 10, 110])).toBeCloseTo(0, 8);
  });

  it("no IRR when the flows never change sign", () => {
    expect(internalRateOfReturn([-100, -10])).toBeNull();
  });

  it("computes a two-year buy, let and sell", () => {
    const figures = investmentFigures({
      purchasePrice: 10_000_000,
      purchaseCosts: 200_000,
      monthlyRent: 50_000,
      monthlyCosts: 3_000,
      vacancy: 0.05,
      rentGrowth: 0,
      priceGrowth: 0,
      horizonYears: 2,
      saleCosts: 0.02,
    });
    // net income 12 × 50 000 × 0.95 − 12 × 3 000 = 534 000 a year
    expect(figures.cashFlows).toEqual([-10_200_000, 534_000, 534_000 + 9_800_000]);
    expect(figures.grossYield).toBeCloseTo(0.06, 10);
    expect(figures.netYield).toBeCloseTo(534_000 / 10_200_000, 10);
    expect(figures.paybackYears).toBeCloseTo(10_200_000 / 534_000, 10);
    // root of 10.334x² + 0.534x − 10.2 = 0 with x = 1/(1+r)
    expect(figures.irr).toBeCloseTo(0.033063983, 7);
  });

  it("grows rent and sells at the grown price", () => {
    const figures = investmentFigures({
      purchasePrice: 1_000_000,
      purchaseCosts: 0,
      monthlyRent: 10_000,
      monthlyCosts: 0,
      vacancy: 0,
      rentGrowth: 0.1,
      priceGrowth: 0.05,
      horizonYears: 2,
      saleCosts: 0,
    });
    expect(figures.cashFlows[1]).toBeCloseTo(120_000, 6);
    expect(figures.cashFlows[2]).toBeCloseTo(132_000 + 1_102_500, 6);
  });
});
