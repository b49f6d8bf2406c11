// One catalogue listing as stored, whatever its source, plus the row-level checks every importer shares.
import type { DealType, PropertyType } from "@wewall/shared";

export interface ListingRow {
  id: string;
  source: string;
  dealType: DealType;
  propertyType: PropertyType;
  price: number;
  totalArea: number;
  livingArea: number | null;
  kitchenArea: number | null;
  rooms: number | null;
  floor: number | null;
  floorsTotal: number | null;
  yearBuilt: number | null;
  buildingType: string | null;
  market: "new_building" | "secondary" | null;
  housingClass: string | null;
  renovation: "none" | "municipal" | "modern" | null;
  balcony: boolean | null;
  isApartments: boolean | null;
  address: string | null;
  district: string | null;
  okrug: string | null;
  lat: number | null;
  lon: number | null;
  metro: string | null;
  metroMinutes: number | null;
  metroMode: "walk" | "transport" | null;
  photos: string[];
  url: string | null;
}

export interface RejectedRow {
  file: string;
  line: number;
  id: string | null;
  reason: string;
}

export type MapResult<T> = { ok: true; row: T } | { ok: false; reason: string };

export class RowError extends Error {}

export function optionalNumber(raw: string | number | null | undefined, field: string): number | null {
  if (raw === null || raw === undefined || raw === "") return null;
  const value = typeof raw === "number" ? raw : Number(raw.replace(/\s/gu, "").replace(",", "."));
  if (!Number.isFinite(value)) throw new RowError(`${field}: not a number (${String(raw)})`);
  return value;
}

export function requiredNumber(raw: string | number | null | undefined, field: string): number {
  const value = optionalNumber(raw, field);
  if (value === null) throw new RowError(`${field}: missing`);
  return value;
}

export function optionalInt(raw: string | number | null | undefined, field: string): number | null {
  const value = optionalNumber(raw, field);
  if (value === null) return null;
  if (!Number.isInteger(value)) throw new RowError(`${field}: not an integer (${String(raw)})`);
  return value;
}

export function optionalText(raw: string | null | undefined): string | null {
  const value = raw?.trim();
  return value ? value : null;
}

export function optionalBool(raw: string | boolean | null | undefined): boolean | null {
  if (typeof raw === "boolean") return raw;
  if (raw === "True" || raw === "true" || raw === "1") return true;
  if (raw === "False" || raw === "false" || raw === "0") return false;
  return null;
}

// Impossible values reject the row; merely implausible ones (the README's outliers) are kept but flagged.
export function checkListing(row: ListingRow): ListingRow {
  if (!(row.price > 0)) throw new RowError(`price: must be > 0 (${row.price})`);
  if (!(row.totalArea > 0)) throw new RowError(`total_area: must be > 0 (${row.totalArea})`);
  if (row.rooms !== null && (row.rooms < 0 || row.rooms > 20)) throw new RowError(`rooms: out of range (${row.rooms})`);
  if (row.floor !== null && row.floorsTotal !== null && row.floor > row.floorsTotal) {
    throw new RowError(`floor: ${row.floor} above floors_total ${row.floorsTotal}`);
  }
  if (row.kitchenArea !== null && row.kitchenArea >= row.totalArea) {
    throw new RowError(`kitchen_area: ${row.kitchenArea} not below total area ${row.totalArea}`);
  }
  return row;
}

export function isPlausible(row: ListingRow): boolean {
  const perM2 = row.price / row.totalArea;
  const perM2Range: [number, number] = row.dealType === "sale" ? [100_000, 2_500_000] : [300, 10_000];
  return (
    perM2 >= perM2Range[0] &&
    perM2 <= perM2Range[1] &&
    row.totalArea >= 10 &&
    row.totalArea <= 400 &&
    (row.floorsTotal === null || row.floorsTotal <= 100)
  );
}

export function mapWith<T>(map: () => T): MapResult<T> {
  try {
    return { ok: true, row: map() };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, reason: error.message };
    throw error;
  }
}
