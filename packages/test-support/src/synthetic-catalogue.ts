// A large synthetic catalogue for benchmarks: real listings resampled with noise, in one INSERT … SELECT.
import type pg from "pg";
import { LISTING_INDEXES } from "@wewall/catalogue";

// Resampling keeps the real mix of stations, rooms, markets and price levels; the noise keeps rows distinct.
// Area ±15 %, price per m² ×exp(N(0, ~8 %)), floor ±2 within the house, coordinates ±300 m.
export async function generateSyntheticListings(pool: pg.Pool, count: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(
      "CREATE TEMP TABLE seed AS SELECT row_number() OVER (ORDER BY id) AS rn, * FROM listings WHERE quality_ok",
    );
    const seeds = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM seed")).rows[0]?.n ?? 0;
    if (seeds === 0) throw new Error("no real listings to resample: import the catalogue first");
    // bulk load without index upkeep, then build each index once
    for (const ddl of LISTING_INDEXES)
      await client.query(`DROP INDEX IF EXISTS ${/EXISTS (\w+)/u.exec(ddl)?.[1] ?? ""}`);
    await client.query(
      `INSERT INTO listings (id, source, deal_type, property_type, price, price_per_m2, total_area, living_area, kitchen_area,
         rooms, floor, floors_total, year_built, building_type, market, housing_class, renovation, balcony, is_apartments,
         address, address_key, street_key, district, district_key, okrug, lat, lon, coords_source, metro, metro_key,
         metro_minutes, metro_mode, photos, url, quality_ok)
       SELECT 'syn:' || g, 'synthetic', s.deal_type, s.property_type, round(v.ppm * v.area), v.ppm, v.area, s.living_area,
         s.kitchen_area, s.rooms, v.floor, s.floors_total, s.year_built, s.building_type, s.market, s.housing_class,
         s.renovation, s.balcony, s.is_apartments, s.address, s.address_key, s.street_key, s.district, s.district_key,
         s.okrug, s.lat + (random() - 0.5) * 0.0054, s.lon + (random() - 0.5) * 0.0095, 'synthetic', s.metro, s.metro_key,
         s.metro_minutes, s.metro_mode, '{}', NULL, true
       FROM generate_series(1, $1::int) AS g
       JOIN seed s ON s.rn = 1 + (g % $2::int)
       CROSS JOIN LATERAL (SELECT
         round((s.total_area * (0.85 + 0.3 * random()))::numeric, 1)::float8 AS area,
         s.price_per_m2 * exp(0.14 * (random() + random() + random() - 1.5)) AS ppm,
         CASE WHEN s.floor IS NULL THEN NULL
              ELSE greatest(1, least(coalesce(s.floors_total, s.floor + 2), s.floor + floor(random() * 5)::int - 2)) END AS floor
         OFFSET 0) v`,
      [count, seeds],
    );
    for (const ddl of LISTING_INDEXES) await client.query(ddl);
    await client.query("DROP TABLE seed");
    await client.query("VACUUM (ANALYZE) listings");
  } finally {
    client.release();
  }
}
