// Upserts metro stations and replaces coefficient tables, both inside the caller's transaction.
import type { StationRow } from "./map-metro-station-row.js";
import type { CoefficientRow } from "./map-adjustment-rows.js";
import { normalizeKey } from "./normalize-key.js";
import type { Queryable } from "./upsert-listings.js";

export async function upsertStations(db: Queryable, rows: readonly StationRow[]): Promise<number> {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = [
      row.id,
      row.name,
      normalizeKey(row.name),
      row.lineId,
      row.lineName,
      row.lineColor,
      row.lineType,
      row.orderOnLine,
      row.lat,
      row.lon,
      row.source,
    ];
    const base = params.length;
    params.push(...values);
    return `(${values.map((_, i) => `$${base + i + 1}`).join(",")})`;
  });
  if (tuples.length === 0) return 0;
  await db.query(
    `INSERT INTO metro_stations (id, name, name_key, line_id, line_name, line_color, line_type, order_on_line, lat, lon, source)
     VALUES ${tuples.join(",")}
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key, line_id = EXCLUDED.line_id,
       line_name = EXCLUDED.line_name, line_color = EXCLUDED.line_color, line_type = EXCLUDED.line_type,
       order_on_line = EXCLUDED.order_on_line, lat = EXCLUDED.lat, lon = EXCLUDED.lon, source = EXCLUDED.source,
       updated_at = now()`,
    params,
  );
  return rows.length;
}

// A coefficient table is one appraisal source's matrix: a re-import replaces each table it touches as a whole.
export async function replaceCoefficients(db: Queryable, rows: readonly CoefficientRow[]): Promise<number> {
  const tables = [...new Set(rows.map((row) => row.table))];
  for (const table of tables) {
    const own = rows.filter((row) => row.table === table);
    await db.query(`DELETE FROM ${table}`);
    const params: unknown[] = [];
    const tuples = own.map((row) => {
      const base = params.length;
      params.push(row.objectBin, row.analogBin, row.value, row.unit, row.source);
      return `($${base + 1},$${base + 2},$${base + 3},$${base + 4},$${base + 5})`;
    });
    await db.query(
      `INSERT INTO ${table} (object_bin, analog_bin, value, unit, source) VALUES ${tuples.join(",")}
       ON CONFLICT (object_bin, analog_bin) DO UPDATE SET value = EXCLUDED.value, unit = EXCLUDED.unit, source = EXCLUDED.source`,
      params,
    );
  }
  return rows.length;
}
