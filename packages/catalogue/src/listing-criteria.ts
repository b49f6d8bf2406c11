// Listing filters as SQL: one builder, so search and the calculator hit the same indexes the same way.
import type { DealType, PropertyType } from "@wewall/shared";
import { geoCellsAround } from "./geo-cell.js";

export interface ListingCriteria {
  dealType: DealType;
  propertyType: PropertyType;
  rooms?: number[] | undefined;
  areaMin?: number | undefined;
  areaMax?: number | undefined;
  priceMax?: number | undefined;
  metroKeys?: string[] | undefined;
  districtKey?: string | undefined;
  near?: { lat: number; lon: number; radiusM: number } | undefined;
  walkMinutesMax?: number | undefined;
  floorMin?: number | undefined;
  floorMax?: number | undefined;
  notFirstFloor?: boolean | undefined;
  notLastFloor?: boolean | undefined;
  market?: "new_building" | "secondary" | undefined;
  plausibleOnly?: boolean | undefined;
}

export interface SqlFragment {
  where: string;
  params: unknown[];
}

const EARTH_M = 6_371_000;
// ~20 km across; beyond that the cell list costs more than it saves
const MAX_CELLS = 400;

// Great-circle distance in metres from listing coordinates to ($lat, $lon) placeholders.
export function haversineSql(latParam: string, lonParam: string): string {
  return `(2 * ${EARTH_M} * asin(sqrt(power(sin(radians(lat - ${latParam}) / 2), 2) + cos(radians(lat)) * cos(radians(${latParam})) * power(sin(radians(lon - ${lonParam}) / 2), 2))))`;
}

export function criteriaSql(criteria: ListingCriteria, params: unknown[] = []): SqlFragment {
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const clauses = [`deal_type = ${add(criteria.dealType)}`, `property_type = ${add(criteria.propertyType)}`];
  if (criteria.rooms?.length) clauses.push(`rooms = ANY(${add(criteria.rooms)}::int[])`);
  if (criteria.areaMin !== undefined) clauses.push(`total_area >= ${add(criteria.areaMin)}`);
  if (criteria.areaMax !== undefined) clauses.push(`total_area <= ${add(criteria.areaMax)}`);
  if (criteria.priceMax !== undefined) clauses.push(`price <= ${add(criteria.priceMax)}`);
  // a single station as plain equality: the index then also returns rows in area order
  if (criteria.metroKeys?.length === 1) clauses.push(`metro_key = ${add(criteria.metroKeys[0])}`);
  else if (criteria.metroKeys?.length) clauses.push(`metro_key = ANY(${add(criteria.metroKeys)}::text[])`);
  if (criteria.districtKey) clauses.push(`district_key = ${add(criteria.districtKey)}`);
  if (criteria.near) {
    const { lat, lon, radiusM } = criteria.near;
    // grid cells narrow by index; the haversine test then makes the circle exact
    const cells = geoCellsAround(lat, lon, radiusM);
    if (cells.length <= MAX_CELLS) clauses.push(`geo_cell = ANY(${add(cells)}::int[])`);
    else {
      // a city-wide circle matches plenty anyway: a bounding box on the row is cheaper than thousands of cells
      const dLat = radiusM / 111_320;
      clauses.push(`lat BETWEEN ${add(lat - dLat)} AND ${add(lat + dLat)}`);
    }
    clauses.push(`${haversineSql(add(lat), add(lon))} <= ${add(radiusM)}`);
  }
  if (criteria.walkMinutesMax !== undefined) {
    clauses.push(`metro_mode = 'walk' AND metro_minutes <= ${add(criteria.walkMinutesMax)}`);
  }
  if (criteria.floorMin !== undefined) clauses.push(`floor >= ${add(criteria.floorMin)}`);
  if (criteria.floorMax !== undefined) clauses.push(`floor <= ${add(criteria.floorMax)}`);
  if (criteria.notFirstFloor) clauses.push("floor > 1");
  if (criteria.notLastFloor) clauses.push("floor < floors_total");
  if (criteria.market) clauses.push(`market = ${add(criteria.market)}`);
  if (criteria.plausibleOnly) clauses.push("quality_ok");
  return { where: clauses.join(" AND "), params };
}
