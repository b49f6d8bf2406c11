// Brings one analog's price per m² to the object of valuation with the LCT-2022 tables, listing every step.
import type { Adjustment } from "@wewall/shared";
import { cellKey, type AdjustmentTables, type Comparable, type CoefficientMatrix } from "@wewall/catalogue";
import { balconyBin, floorBin, rangeBin, renovationBin } from "./bins.js";

export interface SubjectFeatures {
  area: number;
  kitchenArea?: number | null | undefined;
  floor?: number | null | undefined;
  floorsTotal?: number | null | undefined;
  walkMinutes?: number | null | undefined;
  metroMode?: "walk" | "transport" | null | undefined;
  balcony?: boolean | null | undefined;
  renovation?: "none" | "municipal" | "modern" | null | undefined;
}

export interface AdjustedAnalog {
  // the analog brought to the object, bargaining included: an expected deal price per m²
  adjustedPricePerM2: number;
  // the same without the bargaining discount: comparable with asking prices
  askingPricePerM2: number;
  adjustments: Adjustment[];
}

type Step = { factor: string; matrix: CoefficientMatrix; objectBin: string | null; analogBin: string | null };

// Percentages compound one after another, as appraisers chain corrections; the renovation table is in ₽/m² and is added last.
export function adjustAnalog(subject: SubjectFeatures, analog: Comparable, tables: AdjustmentTables): AdjustedAnalog {
  const walk = (mode: string | null | undefined, minutes: number | null | undefined) =>
    mode === "walk" ? (minutes ?? null) : null;
  const steps: Step[] = [
    {
      factor: "area",
      matrix: tables.square_coeffs,
      objectBin: rangeBin(subject.area, tables.square_coeffs),
      analogBin: rangeBin(analog.area, tables.square_coeffs),
    },
    {
      factor: "metro_walk_minutes",
      matrix: tables.way_to_subway_coeffs,
      objectBin: rangeBin(walk(subject.metroMode, subject.walkMinutes), tables.way_to_subway_coeffs),
      analogBin: rangeBin(walk(analog.metroMode, analog.metroMinutes), tables.way_to_subway_coeffs),
    },
    {
      factor: "floor",
      matrix: tables.floor_coeffs,
      objectBin: floorBin(subject.floor, subject.floorsTotal),
      analogBin: floorBin(analog.floor, analog.floorsTotal),
    },
    {
      factor: "kitchen",
      matrix: tables.kitchen_coeffs,
      objectBin: rangeBin(subject.kitchenArea, tables.kitchen_coeffs),
      analogBin: rangeBin(analog.kitchenArea, tables.kitchen_coeffs),
    },
    {
      factor: "balcony",
      matrix: tables.balcony_coeffs,
      objectBin: balconyBin(subject.balcony),
      analogBin: balconyBin(analog.balcony),
    },
    {
      factor: "renovation",
      matrix: tables.renovation_coeffs,
      objectBin: renovationBin(subject.renovation),
      analogBin: renovationBin(analog.renovation),
    },
  ];
  const adjustments: Adjustment[] = [];
  const trade = tables.bargaining_coeffs.cells.get(cellKey("any", "any"));
  let tradeFactor = 1;
  if (trade) {
    tradeFactor = 1 + trade.value / 100;
    adjustments.push({
      analogId: analog.id,
      factor: "bargaining",
      objectBin: "any",
      analogBin: "any",
      value: trade.value,
      unit: "pct",
    });
  }
  let pctFactor = 1;
  let rubPerM2 = 0;
  for (const step of steps) {
    if (step.objectBin === null || step.analogBin === null) continue;
    const cell = step.matrix.cells.get(cellKey(step.objectBin, step.analogBin));
    if (!cell) continue;
    if (cell.unit === "pct") pctFactor *= 1 + cell.value / 100;
    else rubPerM2 += cell.value;
    adjustments.push({
      analogId: analog.id,
      factor: step.factor,
      objectBin: step.objectBin,
      analogBin: step.analogBin,
      value: cell.value,
      unit: cell.unit,
    });
  }
  return {
    adjustedPricePerM2: analog.pricePerM2 * tradeFactor * pctFactor + rubPerM2,
    askingPricePerM2: analog.pricePerM2 * pctFactor + rubPerM2,
    adjustments,
  };
}
