// Comparable listings for a valuation: same station first, then nearby, then the district, plus the same building.
import type pg from "pg";
import type { DealType, PropertyType } from "@wewall/shared";
import { statementName } from "./statement-name.js";
import { criteriaSql, type ListingCriteria } from "./listing-criteria.js";

export interface ComparableSubject {
  dealType: DealType;
  propertyType: PropertyType;
  area: number;
  metroKey?: string | null | undefined;
  addressKey?: string | null | undefined;
  districtKey?: string | null | undefined;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
}

export interface Comparable {
  id: string;
  url: string | null;
  price: number;
  pricePerM2: number;
  area: number;
  kitchenArea: number | null;
  rooms: number | null;
  floor: number | null;
  floorsTotal: number | null;
  yearBuilt: number | null;
  buildingType: string | null;
  market: "new_building" | "secondary" | null;
  renovation: "none" | "municipal" | "modern" | null;
  balcony: boolean | null;
  metro: string | null;
  metroKey: string | null;
  metroMinutes: number | null;
  metroMode: "walk" | "transport" | null;
  addressKey: string | null;
  streetKey: string | null;
}

const COLUMNS = `id, url, price, price_per_m2 AS "pricePerM2", total_area AS area, kitchen_area AS "kitchenArea", rooms, floor,
  floors_total AS "floorsTotal", year_built AS "yearBuilt", building_type AS "buildingType", market, renovation, balcony, metro, metro_key AS "metroKey",
  metro_minutes AS "metroMinutes", metro_mode AS "metroMode", address_key AS "addressKey", street_key AS "streetKey"`;

// Enough candidates for the similarity ranking to choose from; the calculator keeps the best dozen.
const POOL = 30;
const SAME_BUILDING = 10;
const MIN_CANDIDATES = 5;

export async function findComparables(pool: pg.Pool, subject: ComparableSubject): Promise<Comparable[]> {
  const base: ListingCriteria = {
    dealType: subject.dealType,
    propertyType: subject.propertyType,
    areaMin: subject.area / 1.5,
    areaMax: subject.area * 1.5,
    plausibleOnly: true,
  };
  const tiers: ListingCriteria[] = [];
  if (subject.metroKey) tiers.push({ ...base, metroKeys: [subject.metroKey] });
  if (subject.lat != null && subject.lon != null) {
    tiers.push({ ...base, near: { lat: subject.lat, lon: subject.lon, radiusM: 2500 } });
  }
  if (subject.districtKey) tiers.push({ ...base, districtKey: subject.districtKey });
  // rent listings are sparse (1 000 in the demo set): rather a wider circle than no estimate at all
  if (subject.lat != null && subject.lon != null) {
    tiers.push({ ...base, near: { lat: subject.lat, lon: subject.lon, radiusM: 8000 } });
  }
  const found = new Map<string, Comparable>();
  for (const [i, criteria] of tiers.entries()) {
    const params: unknown[] = [];
    const { where } = criteriaSql(criteria, params);
    params.push(subject.area);
    const area = `$${params.length}`;
    // nearest areas from both sides of the object's: two short ordered scans of a covering index, no table pages
    let text = `SELECT * FROM (
        (SELECT ${COLUMNS} FROM listings WHERE ${where} AND total_area >= ${area} ORDER BY total_area LIMIT ${POOL})
        UNION ALL
        (SELECT ${COLUMNS} FROM listings WHERE ${where} AND total_area < ${area} ORDER BY total_area DESC LIMIT ${POOL})
      ) nearest ORDER BY abs(area - ${area}) LIMIT ${POOL}`;
    if (i === 0 && subject.addressKey) {
      // the same building is the best comparable there is, whatever its area (duplicates collapse by id below)
      const { where: same } = criteriaSql({ ...base, areaMin: undefined, areaMax: undefined }, params);
      params.push(subject.addressKey);
      text = `(${text}) UNION ALL (SELECT ${COLUMNS} FROM listings WHERE ${same} AND address_key = $${params.length} LIMIT ${SAME_BUILDING})`;
    }
    const rows = await pool.query<Comparable>({ name: statementName(text), text, values: params });
    for (const row of rows.rows) found.set(row.id, row);
    if (found.size >= MIN_CANDIDATES) break;
  }
  return [...found.values()];
}
