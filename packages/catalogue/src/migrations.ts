// Catalogue schema: listings (sale and rent), metro stations and the appraisal adjustment tables.
import type pg from "pg";
import { runMigrations, type Migration } from "@wewall/shared";
import { GEO_CELL_SQL } from "./geo-cell.js";

const coefficientTable = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
  object_bin text NOT NULL,
  analog_bin text NOT NULL,
  value double precision NOT NULL,
  unit text NOT NULL CHECK (unit IN ('pct', 'rub_per_m2')),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (object_bin, analog_bin)
);`;

export const COEFFICIENT_TABLES = [
  "square_coeffs",
  "way_to_subway_coeffs",
  "floor_coeffs",
  "kitchen_coeffs",
  "balcony_coeffs",
  "renovation_coeffs",
  "bargaining_coeffs",
] as const;

export type CoefficientTable = (typeof COEFFICIENT_TABLES)[number];

// Every column a search filters or ranks on, so the matching phase is an index-only scan and touches no table pages.
const COVER =
  "id, total_area, price_per_m2, floor, floors_total, lat, lon, metro_mode, metro_minutes, market, quality_ok";

// Everything the calculator reads of an analog, so comparables come from the index alone.
const COMPARABLE_COVER =
  "id, url, price, price_per_m2, kitchen_area, rooms, floor, floors_total, year_built, building_type, market, renovation, " +
  "balcony, metro, metro_minutes, metro_mode, address_key, street_key, quality_ok";

// Search reads candidates from exactly one of the first four, by the location filter it has (station, district,
// ~1 km grid cell around a point, or none); comparables come from the station/area one.
export const LISTING_INDEXES = [
  `CREATE INDEX IF NOT EXISTS listings_station ON listings (deal_type, property_type, metro_key, rooms, price) INCLUDE (${COVER});`,
  `CREATE INDEX IF NOT EXISTS listings_district ON listings (deal_type, property_type, district_key, rooms, price) INCLUDE (${COVER});`,
  `CREATE INDEX IF NOT EXISTS listings_cell ON listings (deal_type, property_type, geo_cell, rooms, price) INCLUDE (${COVER});`,
  `CREATE INDEX IF NOT EXISTS listings_rooms ON listings (deal_type, property_type, rooms, price) INCLUDE (${COVER});`,
  `CREATE INDEX IF NOT EXISTS listings_comparables ON listings (deal_type, property_type, metro_key, total_area) INCLUDE (${COMPARABLE_COVER});`,
  "CREATE INDEX IF NOT EXISTS listings_address ON listings (address_key);",
];

export const catalogueMigrations: readonly Migration[] = [
  {
    id: "001_catalogue",
    sql: `
CREATE TABLE IF NOT EXISTS metro_stations (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL,
  line_id text NOT NULL,
  line_name text NOT NULL,
  line_color text,
  line_type text,
  order_on_line integer,
  lat double precision,
  lon double precision,
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS metro_stations_name_key ON metro_stations (name_key);

CREATE TABLE IF NOT EXISTS listings (
  id text PRIMARY KEY,
  source text NOT NULL,
  deal_type text NOT NULL CHECK (deal_type IN ('sale', 'rent')),
  property_type text NOT NULL CHECK (property_type IN ('flat', 'office', 'retail')),
  price double precision NOT NULL CHECK (price > 0),
  price_per_m2 double precision NOT NULL CHECK (price_per_m2 > 0),
  total_area double precision NOT NULL CHECK (total_area > 0),
  living_area double precision,
  kitchen_area double precision,
  rooms integer,
  floor integer,
  floors_total integer,
  year_built integer,
  building_type text,
  market text CHECK (market IN ('new_building', 'secondary')),
  housing_class text,
  renovation text CHECK (renovation IN ('none', 'municipal', 'modern')),
  balcony boolean,
  is_apartments boolean,
  address text,
  address_key text,
  street_key text,
  district text,
  district_key text,
  okrug text,
  lat double precision,
  lon double precision,
  coords_source text,
  metro text,
  metro_key text,
  metro_minutes double precision,
  metro_mode text CHECK (metro_mode IN ('walk', 'transport')),
  photos text[] NOT NULL DEFAULT '{}',
  url text,
  -- false for listings the README calls outliers; they stay searchable but never serve as comparables
  quality_ok boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS listings_metro_area ON listings (deal_type, property_type, metro_key, total_area);
CREATE INDEX IF NOT EXISTS listings_rooms_price ON listings (deal_type, property_type, rooms, price);
CREATE INDEX IF NOT EXISTS listings_district_price ON listings (deal_type, property_type, district_key, price);
CREATE INDEX IF NOT EXISTS listings_address ON listings (address_key);
CREATE INDEX IF NOT EXISTS listings_point ON listings USING gist (point(lon, lat));

${COEFFICIENT_TABLES.map(coefficientTable).join("\n")}

CREATE TABLE IF NOT EXISTS catalogue_transcripts (
  id text PRIMARY KEY,
  source text NOT NULL,
  chat_id text NOT NULL,
  author text NOT NULL,
  text text NOT NULL,
  sent_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    // 1 M listings: the GiST box scan read ~30 000 heap rows for a 3 km radius; a ~1 km grid cell in a covering
    // btree finds the same listings from the index alone
    id: "002_covering_indexes",
    sql: `
ALTER TABLE listings ADD COLUMN IF NOT EXISTS geo_cell integer GENERATED ALWAYS AS (${GEO_CELL_SQL}) STORED;
DROP INDEX IF EXISTS listings_rooms_price;
DROP INDEX IF EXISTS listings_district_price;
DROP INDEX IF EXISTS listings_point;
DROP INDEX IF EXISTS listings_metro_area;
${LISTING_INDEXES.filter((ddl) => !ddl.includes("listings_comparables")).join("\n")}
CREATE INDEX IF NOT EXISTS listings_metro_area ON listings (deal_type, property_type, metro_key, total_area) INCLUDE (id, quality_ok);
`,
  },
  {
    // the calculator's analogs straight from the index: 40 table-page visits fewer per valuation
    id: "003_comparables_index",
    sql: `
DROP INDEX IF EXISTS listings_metro_area;
${LISTING_INDEXES.filter((ddl) => ddl.includes("listings_comparables")).join("\n")}
`,
  },
];

export async function runCatalogueMigrations(pool: pg.Pool): Promise<void> {
  await runMigrations(pool, "catalogue", catalogueMigrations);
}
