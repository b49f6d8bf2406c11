// Loads the appraisal coefficient tables into memory; the calculator applies them per analog.
import type pg from "pg";
import type { CoefficientTable } from "./migrations.js";

export interface CoefficientCell {
  value: number;
  unit: "pct" | "rub_per_m2";
}

export interface CoefficientMatrix {
  bins: string[];
  cells: Map<string, CoefficientCell>;
  source: string;
}

export type AdjustmentTables = Record<CoefficientTable, CoefficientMatrix>;

export const cellKey = (objectBin: string, analogBin: string) => `${objectBin}\u0000${analogBin}`;

export async function loadAdjustmentTables(pool: pg.Pool): Promise<AdjustmentTables> {
  return {
    square_coeffs: await loadMatrix(pool, "square_coeffs"),
    way_to_subway_coeffs: await loadMatrix(pool, "way_to_subway_coeffs"),
    floor_coeffs: await loadMatrix(pool, "floor_coeffs"),
    kitchen_coeffs: await loadMatrix(pool, "kitchen_coeffs"),
    balcony_coeffs: await loadMatrix(pool, "balcony_coeffs"),
    renovation_coeffs: await loadMatrix(pool, "renovation_coeffs"),
    bargaining_coeffs: await loadMatrix(pool, "bargaining_coeffs"),
  };
}

async function loadMatrix(pool: pg.Pool, table: CoefficientTable): Promise<CoefficientMatrix> {
  const result = await pool.query<{
    object_bin: string;
    analog_bin: string;
    value: number;
    unit: "pct" | "rub_per_m2";
    source: string;
  }>(`SELECT object_bin, analog_bin, value, unit, source FROM ${table} ORDER BY object_bin, analog_bin`);
  const bins = [...new Set(result.rows.map((row) => row.object_bin))];
  const cells = new Map(
    result.rows.map((row) => [cellKey(row.object_bin, row.analog_bin), { value: row.value, unit: row.unit }]),
  );
  return { bins, cells, source: result.rows[0]?.source ?? "" };
}
