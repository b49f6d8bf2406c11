// Loads the appraisal coefficient tables into memory; the calculator applies them per analog.
import type pg from "pg";
import type { CoefficientRow } from "./map-adjustment-rows.js";
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
  const result = await pool.query<CoefficientRow>(ALL_ROWS_SQL);
  return tablesFromRows(result.rows);
}

// One round trip for all seven tables; each row says which table it came from.
const ALL_ROWS_SQL = (
  [
    "square_coeffs",
    "way_to_subway_coeffs",
    "floor_coeffs",
    "kitchen_coeffs",
    "balcony_coeffs",
    "renovation_coeffs",
    "bargaining_coeffs",
  ] satisfies CoefficientTable[]
)
  .map(
    (table) =>
      `SELECT '${table}' AS "table", object_bin AS "objectBin", analog_bin AS "analogBin", value, unit, source FROM ${table}`,
  )
  .join(" UNION ALL ");

function toMatrix(rows: readonly Omit<CoefficientRow, "table">[]): CoefficientMatrix {
  const bins = [...new Set(rows.flatMap((row) => [row.objectBin, row.analogBin]))];
  const cells = new Map(
    rows.map((row) => [cellKey(row.objectBin, row.analogBin), { value: row.value, unit: row.unit }]),
  );
  return { bins, cells, source: rows[0]?.source ?? "" };
}

// The same tables straight from imported rows: unit tests and tools need no database for them.
export function tablesFromRows(rows: readonly CoefficientRow[]): AdjustmentTables {
  const of = (table: CoefficientTable) => toMatrix(rows.filter((row) => row.table === table));
  return {
    square_coeffs: of("square_coeffs"),
    way_to_subway_coeffs: of("way_to_subway_coeffs"),
    floor_coeffs: of("floor_coeffs"),
    kitchen_coeffs: of("kitchen_coeffs"),
    balcony_coeffs: of("balcony_coeffs"),
    renovation_coeffs: of("renovation_coeffs"),
    bargaining_coeffs: of("bargaining_coeffs"),
  };
}
