// Filtered, similarity-ranked, paged listings: the query behind POST /v1/search.
import type pg from "pg";
import type { Listing } from "@wewall/shared";
import { statementName } from "./statement-name.js";
import { criteriaSql, haversineSql, type ListingCriteria } from "./listing-criteria.js";

export interface RankTarget {
  area?: number | undefined;
  rooms?: number | undefined;
  pricePerM2?: number | undefined;
  price?: number | undefined;
  floor?: number | undefined;
  lat?: number | undefined;
  lon?: number | undefined;
}

export interface ListingPage {
  items: Listing[];
  total: number;
  // true when more listings match than MATCH_CAP: total then means "at least"
  totalCapped: boolean;
}

// Ranking reads at most this many matches (in index order: rooms, then price ascending), so a broad filter never
// turns into a scan of the whole catalogue; a client with more than 500 matches is better served by a narrower filter.
export const MATCH_CAP = 500;

interface Row {
  id: string;
  url: string | null;
  deal_type: "sale" | "rent";
  property_type: "flat" | "office" | "retail";
  price: number;
  price_per_m2: number;
  total_area: number;
  rooms: number | null;
  floor: number | null;
  floors_total: number | null;
  metro: string | null;
  metro_minutes: number | null;
  metro_mode: "walk" | "transport" | null;
  district: string | null;
  address: string | null;
  photos: string[];
  score: number;
  total: number;
}

export async function queryListings(
  pool: pg.Pool,
  criteria: ListingCriteria,
  target: RankTarget,
  page: { limit: number; offset: number },
): Promise<ListingPage> {
  const { where, params } = criteriaSql(criteria);
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const terms = ["0"];
  if (target.area) terms.push(`2 * abs(ln(total_area / ${add(target.area)}))`);
  if (target.rooms !== undefined) terms.push(`0.3 * coalesce(abs(rooms - ${add(target.rooms)}), 2)`);
  if (target.pricePerM2) terms.push(`abs(ln(price_per_m2 / ${add(target.pricePerM2)}))`);
  if (target.price) terms.push(`abs(ln(price / ${add(target.price)}))`);
  if (target.floor !== undefined) terms.push(`0.05 * coalesce(abs(floor - ${add(target.floor)}), 5)`);
  if (target.lat !== undefined && target.lon !== undefined) {
    terms.push(`coalesce(${haversineSql(add(target.lat), add(target.lon))} / 2000, 1.5)`);
  }
  // phase one reads only covering-index columns (index-only scan); phase two fetches the one page of full rows
  const sql = `
    WITH matched AS (
      SELECT id, round((1 / (1 + ${terms.join(" + ")}))::numeric, 4) AS score
      FROM listings WHERE ${where} LIMIT ${MATCH_CAP + 1}
    ), ranked AS (
      SELECT id, score, count(*) OVER () AS total FROM matched ORDER BY score DESC, id
      LIMIT ${add(page.limit)} OFFSET ${add(page.offset)}
    )
    SELECT l.id, l.url, l.deal_type, l.property_type, l.price, l.price_per_m2, l.total_area, l.rooms, l.floor,
           l.floors_total, l.metro, l.metro_minutes, l.metro_mode, l.district, l.address, l.photos, r.score, r.total
    FROM ranked r JOIN listings l ON l.id = r.id ORDER BY r.score DESC, r.id`;
  const result = await pool.query<Row>({ name: statementName(sql), text: sql, values: params });
  const first = result.rows[0];
  const matched = first ? first.total : await countListings(pool, criteria);
  return {
    items: result.rows.map(toListing),
    total: Math.min(matched, MATCH_CAP),
    totalCapped: matched > MATCH_CAP,
  };
}

// Capped like the ranking: "how many would relaxing this filter give" needs an order of magnitude, not a full count.
export async function countListings(pool: pg.Pool, criteria: ListingCriteria, cap = MATCH_CAP + 1): Promise<number> {
  const { where, params } = criteriaSql(criteria);
  const text = `SELECT count(*)::int AS n FROM (SELECT 1 FROM listings WHERE ${where} LIMIT ${cap}) s`;
  const result = await pool.query<{ n: number }>({ name: statementName(text), text, values: params });
  return result.rows[0]?.n ?? 0;
}

function toListing(row: Row): Listing {
  return {
    id: row.id,
    url: row.url,
    dealType: row.deal_type,
    propertyType: row.property_type,
    price: row.price,
    pricePerM2: Math.round(row.price_per_m2),
    area: row.total_area,
    rooms: row.rooms,
    floor: row.floor,
    floorsTotal: row.floors_total,
    metro: row.metro,
    walkMinutes: row.metro_minutes,
    metroMode: row.metro_mode,
    district: row.district,
    address: row.address,
    photos: row.photos,
    score: row.score,
  };
}

// The lowest price among matches: tells a client with too small a budget what budget would find something.
export async function cheapestPrice(pool: pg.Pool, criteria: ListingCriteria): Promise<number | null> {
  const { where, params } = criteriaSql(criteria);
  const text = `SELECT price FROM listings WHERE ${where} ORDER BY price LIMIT 1`;
  const result = await pool.query<{ price: number }>({ name: statementName(text), text, values: params });
  return result.rows[0]?.price ?? null;
}

// Several capped counts in one round trip: relax suggestions ask "what if" for every filter at once.
export async function countListingsMany(
  pool: pg.Pool,
  criteria: readonly ListingCriteria[],
  cap = MATCH_CAP + 1,
): Promise<number[]> {
  if (criteria.length === 0) return [];
  const params: unknown[] = [];
  const columns = criteria.map((c, i) => {
    const { where } = criteriaSql(c, params);
    return `(SELECT count(*)::int FROM (SELECT 1 FROM listings WHERE ${where} LIMIT ${cap}) s) AS n${i}`;
  });
  const text = `SELECT ${columns.join(", ")}`;
  const result = await pool.query<Record<string, number>>({ name: statementName(text), text, values: params });
  const row = result.rows[0] ?? {};
  return criteria.map((_, i) => Math.min(row[`n${i}`] ?? 0, cap - 1));
}
