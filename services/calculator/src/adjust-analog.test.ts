// The LCT-2022 adjustment arithmetic against hand-computed examples.
import { describe, expect, it } from "vitest";
import { tablesFromRows, type CoefficientRow, type Comparable } from "@wewall/catalogue";
import { adjustAnalog } from "./adjust-analog.js";
import { floorBin, rangeBin } from "./bins.js";

const row = (table: CoefficientRow["table"], objectBin: string, analogBin: string, value: number): CoefficientRow => ({
  table,
  objectBin,
  analogBin,
  value,
  unit: table === "renovation_coeffs" ? "rub_per_m2" : "pct",
  source: "test",
});

// The cells these examples touch, as printed in Appendix 2 of the LCT-2022 task (row = object, column = analog).
const areaBins = ["<30", "30-50", "50-65", "65-90", "90-120", ">120"];
const walkBins = ["<5", "5-10", "10-15", "15-30", "30-60", "60-90"];
const tables = tablesFromRows([
  row("bargaining_coeffs", "any", "any", -4.5),
  ...areaBins.map((bin) => row("square_coeffs", "30-50", bin, [-6, 0, 7, 14, 21, 24][areaBins.indexOf(bin)] ?? 0)),
  row("square_coeffs", "<30", "<30", 0),
  row("square_coeffs", ">120", ">120", 0),
  ...walkBins.map((bin) => row("way_to_subway_coeffs", "5-10", bin, [-7, 0, 4, 9, 15, 20][walkBins.indexOf(bin)] ?? 0)),
  row("floor_coeffs", "первый", "последний", -3.1),
  row("floor_coeffs", "средний", "первый", 7.5),
  row("kitchen_coeffs", "7-10", "10-15", -5.5),
  row("kitchen_coeffs", "<7", "<7", 0),
  row("kitchen_coeffs", "10-15", "10-15", 0),
  row("balcony_coeffs", "есть", "нет", 5.3),
  row("renovation_coeffs", "современная отделка", "муниципальный ремонт", 6700),
]);

const analog = (overrides: Partial<Comparable>): Comparable => ({
  id: "a1",
  url: null,
  price: 21_000_000,
  pricePerM2: 300_000,
  area: 70,
  kitchenArea: null,
  rooms: 2,
  floor: null,
  floorsTotal: null,
  yearBuilt: null,
  buildingType: null,
  market: null,
  renovation: null,
  balcony: null,
  metro: "Сокол",
  metroKey: "сокол",
  metroMinutes: null,
  metroMode: null,
  addressKey: null,
  streetKey: null,
  ...overrides,
});

describe("adjustAnalog", () => {
  it("chains every table for an analog that differs in everything", () => {
    const result = adjustAnalog(
      {
        area: 45,
        walkMinutes: 7,
        metroMode: "walk",
        floor: 1,
        floorsTotal: 9,
        kitchenArea: 8,
        balcony: true,
        renovation: "modern",
      },
      analog({
        metroMinutes: 12,
        metroMode: "walk",
        floor: 9,
        floorsTotal: 9,
        kitchenArea: 12,
        balcony: false,
        renovation: "municipal",
      }),
      tables,
    );
    // 300 000 × 0.955 × 1.14 × 1.04 × 0.969 × 0.945 × 1.053 + 6 700
    expect(result.adjustedPricePerM2).toBeCloseTo(334_226.7484, 3);
    // the same chain without bargaining: 300 000 × 1.14 × 1.04 × 0.969 × 0.945 × 1.053 + 6 700
    expect(result.askingPricePerM2).toBeCloseTo(349_659.946, 2);
    expect(result.adjustments.map((a) => [a.factor, a.objectBin, a.analogBin, a.value, a.unit])).toEqual([
      ["bargaining", "any", "any", -4.5, "pct"],
      ["area", "30-50", "65-90", 14, "pct"],
      ["metro_walk_minutes", "5-10", "10-15", 4, "pct"],
      ["floor", "первый", "последний", -3.1, "pct"],
      ["kitchen", "7-10", "10-15", -5.5, "pct"],
      ["balcony", "есть", "нет", 5.3, "pct"],
      ["renovation", "современная отделка", "муниципальный ремонт", 6700, "rub_per_m2"],
    ]);
  });

  it("applies only bargaining to a twin, and skips factors either side does not know", () => {
    const result = adjustAnalog({ area: 40, floor: 5, floorsTotal: 9 }, analog({ area: 35, floor: 3 }), tables);
    // 300 000 × 0.955 × (1 + 0 %): same area band, floor unknown for the analog, no walk minutes on either side
    expect(result.adjustedPricePerM2).toBeCloseTo(286_500, 6);
    expect(result.adjustments.map((a) => a.factor)).toEqual(["bargaining", "area"]);
  });

  it("does not use the walking table when either side reaches the metro by transport", () => {
    const result = adjustAnalog(
      { area: 40, walkMinutes: 7, metroMode: "walk" },
      analog({ area: 40, metroMinutes: 25, metroMode: "transport" }),
      tables,
    );
    expect(result.adjustments.some((a) => a.factor === "metro_walk_minutes")).toBe(false);
  });

  it("a middle-floor object over a first-floor analog: +7.5 %", () => {
    const result = adjustAnalog(
      { area: 40, floor: 4, floorsTotal: 9 },
      analog({ area: 40, floor: 1, floorsTotal: 9 }),
      tables,
    );
    expect(result.askingPricePerM2).toBeCloseTo(300_000 * 1.075, 6);
  });
});

describe("bins", () => {
  it("places values in the LCT bands, the edges into the upper band and outliers into the end bands", () => {
    expect(rangeBin(29.9, tables.square_coeffs)).toBe("<30");
    expect(rangeBin(30, tables.square_coeffs)).toBe("30-50");
    expect(rangeBin(120, tables.square_coeffs)).toBe(">120");
    expect(rangeBin(25, tables.kitchen_coeffs)).toBe("10-15");
    expect(rangeBin(null, tables.kitchen_coeffs)).toBeNull();
  });

  it("tells first, middle and last floors apart", () => {
    expect(floorBin(1, 9)).toBe("первый");
    expect(floorBin(0, 9)).toBe("первый");
    expect(floorBin(5, 9)).toBe("средний");
    expect(floorBin(9, 9)).toBe("последний");
    expect(floorBin(5, null)).toBeNull();
  });
});
