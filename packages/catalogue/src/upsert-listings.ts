// Batched upserts of listings: re-importing updates rows in place and never duplicates them.
import type pg from "pg";
import { isPlausible, type ListingRow } from "./listing-row.js";
import { normalizeKey, streetKeyOf } from "./normalize-key.js";

const COLUMNS = [
  "id",
  "source",
  "deal_type",
  "property_type",
  "price",
  "price_per_m2",
  "total_area",
  "living_area",
  "kitchen_area",
  "rooms",
  "floor",
  "floors_total",
  "year_built",
  "building_type",
  "market",
  "housing_class",
  "renovation",
  "balcony",
  "is_apartments",
  "address",
  "address_key",
  "street_key",
  "district",
  "district_key",
  "okrug",
  "lat",
  "lon",
  "coords_source",
  "metro",
  "metro_key",
  "metro_minutes",
  "metro_mode",
  "photos",
  "url",
  "quality_ok",
] as const;

// 500 rows × 35 columns stays far below the protocol's 65 535 parameters and keeps PGlite quick.
const BATCH = 500;

export type Queryable = Pick<pg.PoolClient, "query">;

export async function upsertListings(db: Queryable, rows: readonly ListingRow[]): Promise<number> {
  const coords = await stationCoordinates(db);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const values = toColumns(row, coords);
      const base = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${base + i + 1}`).join(",")})`;
    });
    await db.query(
      `INSERT INTO listings (${COLUMNS.join(",")}) VALUES ${tuples.join(",")}
       ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1)
         .map((c) => `${c} = EXCLUDED.${c}`)
         .join(", ")}, updated_at = now()`,
      params,
    );
  }
  await registerUnlistedStations(db, rows);
  return rows.length;
}

// Monorail, МЦД halts and new stations missing from the station list still name real places listings are at:
// they join the station table (without line or coordinates) so requests naming them are not rejected.
async function registerUnlistedStations(db: Queryable, rows: readonly ListingRow[]): Promise<void> {
  const known = await db.query<{ name_key: string }>("SELECT DISTINCT name_key FROM metro_stations");
  const knownKeys = new Set(known.rows.map((r) => r.name_key));
  const missing = new Map<string, string>();
  for (const row of rows) {
    const key = normalizeKey(row.metro);
    if (row.metro && key && !knownKeys.has(key)) missing.set(key, row.metro);
  }
  if (missing.size === 0) return;
  await db.query(
    `INSERT INTO metro_stations (id, name, name_key, line_id, line_name, source)
     SELECT 'listings:' || key, name, key, '', '', 'listings' FROM unnest($1::text[], $2::text[]) AS m(key, name)
     ON CONFLICT (id) DO NOTHING`,
    [[...missing.keys()], [...missing.values()]],
  );
}

function toColumns(row: ListingRow, coords: Map<string, { lat: number; lon: number }>): unknown[] {
  const metroKey = normalizeKey(row.metro);
  // Sale listings carry no coordinates; their station's stands in so radius search still finds them.
  const fallback = row.lat === null || row.lon === null ? (metroKey ? coords.get(metroKey) : undefined) : undefined;
  const lat = fallback ? fallback.lat : row.lat;
  const lon = fallback ? fallback.lon : row.lon;
  const coordsSource = fallback ? "metro" : lat !== null ? row.source : null;
  return [
    row.id,
    row.source,
    row.dealType,
    row.propertyType,
    row.price,
    row.price / row.totalArea,
    row.totalArea,
    row.livingArea,
    row.kitchenArea,
    row.rooms,
    row.floor,
    row.floorsTotal,
    row.yearBuilt,
    row.buildingType,
    row.market,
    row.housingClass,
    row.renovation,
    row.balcony,
    row.isApartments,
    row.address,
    normalizeKey(row.address),
    streetKeyOf(row.address),
    row.district,
    normalizeKey(row.district),
    row.okrug,
    lat,
    lon,
    coordsSource,
    row.metro,
    metroKey,
    row.metroMinutes,
    row.metroMode,
    row.photos,
    row.url,
    isPlausible(row),
  ];
}

async function stationCoordinates(db: Queryable): Promise<Map<string, { lat: number; lon: number }>> {
  const result = await db.query<{ name_key: string; lat: number; lon: number }>(
    "SELECT name_key, avg(lat) AS lat, avg(lon) AS lon FROM metro_stations WHERE lat IS NOT NULL GROUP BY name_key",
  );
  return new Map(result.rows.map((r) => [r.name_key, { lat: r.lat, lon: r.lon }]));
}
