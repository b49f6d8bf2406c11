// The LCT-2022 adjustment tables, from the long CSV or from the JSON, → rows of the coefficient tables.
import type { CoefficientTable } from "./migrations.js";
import { mapWith, optionalText, requiredNumber, RowError, type MapResult } from "./listing-row.js";

export interface CoefficientRow {
  table: CoefficientTable;
  objectBin: string;
  analogBin: string;
  value: number;
  unit: "pct" | "rub_per_m2";
  source: string;
}

export const LCT_SOURCE = "lct2022_task06_dgi_moscow";
export const ADJUSTMENT_COLUMNS = ["factor", "object_bin", "analog_bin", "value", "unit"] as const;

const TABLE_OF_FACTOR: Record<string, CoefficientTable> = {
  total_area_m2: "square_coeffs",
  metro_walk_minutes: "way_to_subway_coeffs",
  floor: "floor_coeffs",
  kitchen_area_m2: "kitchen_coeffs",
  balcony: "balcony_coeffs",
  repair_rub_per_m2: "renovation_coeffs",
  trade: "bargaining_coeffs",
};

export function mapAdjustmentRow(record: Record<string, string>): MapResult<CoefficientRow> {
  return mapWith(() => {
    const factor = optionalText(record.factor) ?? "";
    const table = TABLE_OF_FACTOR[factor];
    if (!table) throw new RowError(`factor: unknown (${factor})`);
    const objectBin = optionalText(record.object_bin);
    const analogBin = optionalText(record.analog_bin);
    if (!objectBin || !analogBin) throw new RowError("object_bin/analog_bin: missing");
    const unit = optionalText(record.unit);
    if (unit !== "pct" && unit !== "rub_per_m2") throw new RowError(`unit: unknown (${unit ?? ""})`);
    return { table, objectBin, analogBin, value: requiredNumber(record.value, "value"), unit, source: LCT_SOURCE };
  });
}

interface JsonMatrix {
  bins: string[];
  matrix_pct?: number[][];
  matrix_rub?: number[][];
}

function isMatrix(value: unknown): value is JsonMatrix {
  return typeof value === "object" && value !== null && "bins" in value && Array.isArray(value.bins);
}

// The JSON keeps matrices (row = object, column = analog); flattening them gives the long form.
export function mapAdjustmentJson(json: unknown): CoefficientRow[] {
  if (typeof json !== "object" || json === null || !(LCT_SOURCE in json)) {
    throw new RowError(`JSON: no "${LCT_SOURCE}" section`);
  }
  const section: unknown = Reflect.get(json, LCT_SOURCE);
  if (typeof section !== "object" || section === null) throw new RowError(`${LCT_SOURCE}: not an object`);
  const rows: CoefficientRow[] = [];
  for (const [factor, value] of Object.entries(section)) {
    if (factor === "trade_pct" && typeof value === "number") {
      rows.push({
        table: "bargaining_coeffs",
        objectBin: "any",
        analogBin: "any",
        value,
        unit: "pct",
        source: LCT_SOURCE,
      });
    }
    const table = TABLE_OF_FACTOR[factor];
    if (!table || !isMatrix(value)) continue;
    const matrix = value.matrix_pct ?? value.matrix_rub;
    const unit = value.matrix_pct ? "pct" : "rub_per_m2";
    value.bins.forEach((objectBin, i) =>
      value.bins.forEach((analogBin, j) => {
        const cell = matrix?.[i]?.[j];
        if (typeof cell !== "number") throw new RowError(`${factor}[${i}][${j}]: missing`);
        rows.push({ table, objectBin, analogBin, value: cell, unit, source: LCT_SOURCE });
      }),
    );
  }
  return rows;
}
