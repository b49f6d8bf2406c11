// Hold-out accuracy of the valuation: value each held-out sale listing from the others, compare with its asking price.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type pg from "pg";
import type { Logger, ValuationRequest } from "@wewall/shared";
import { parseCsv } from "@wewall/shared/csv";
import { seededRandom, shuffled } from "@wewall/test-support";
import {
  analyzeCatalogue,
  importCatalogueFiles,
  isPlausible,
  mapCianSaleRow,
  upsertListings,
  type ListingRow,
} from "@wewall/catalogue";
import { createValuator } from "../src/value-property.js";

export interface AccuracyReport {
  listings: number;
  heldOut: number;
  valued: number;
  medianApe: number;
  within10: number;
  medianApeAfterBargaining: number;
  medianRangeWidth: number;
  insideRange: number;
}

export async function measureAccuracy(pool: pg.Pool, dataDir: string, logger: Logger, seed = 20_230_601) {
  await importCatalogueFiles(
    pool,
    ["moscow_metro_stations_hh_2026.csv", "appraisal_adjustments_lct2022_long.csv"].map((f) => join(dataDir, f)),
    logger,
  );
  const { records } = parseCsv(await readFile(join(dataDir, "cian_moscow_sale_flats_2023.csv"), "utf8"));
  // the README's outliers (price per m² up to 26 M ₽, 202-storey houses) are neither analogs nor test cases
  const rows = records
    .map(mapCianSaleRow)
    .flatMap((r) => (r.ok ? [r.row] : []))
    .filter(isPlausible);
  const all = shuffled(rows, seededRandom(seed));
  const heldOut = all.slice(0, Math.round(all.length * 0.2));
  await upsertListings(pool, all.slice(heldOut.length));
  await analyzeCatalogue(pool);
  const valuator = createValuator({ pool });
  const errors: number[] = [];
  const afterBargaining: number[] = [];
  const widths: number[] = [];
  let inside = 0;
  for (const row of heldOut) {
    const valuation = await valuator.value(toRequest(row)).catch(() => null);
    if (!valuation?.askingPrice) continue;
    errors.push(Math.abs(valuation.askingPrice / row.price - 1));
    afterBargaining.push(Math.abs(valuation.price / row.price - 1));
    widths.push((valuation.high - valuation.low) / valuation.price);
    if (row.price * 0.955 >= valuation.low && row.price * 0.955 <= valuation.high) inside++;
  }
  return {
    listings: rows.length,
    heldOut: heldOut.length,
    valued: errors.length,
    medianApe: median(errors),
    within10: errors.filter((e) => e <= 0.1).length / errors.length,
    medianApeAfterBargaining: median(afterBargaining),
    medianRangeWidth: median(widths),
    insideRange: inside / errors.length,
  } satisfies AccuracyReport;
}

export function toRequest(row: ListingRow): ValuationRequest {
  const defined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
  return {
    dealType: row.dealType,
    propertyType: row.propertyType,
    rooms: row.rooms ?? 1,
    area: row.totalArea,
    floor: defined(row.floor),
    floorsTotal: defined(row.floorsTotal),
    metro: defined(row.metro),
    walkMinutes: defined(row.metroMinutes),
    metroMode: defined(row.metroMode),
    kitchenArea: defined(row.kitchenArea),
    market: defined(row.market),
    buildingType: defined(row.buildingType),
    yearBuilt: defined(row.yearBuilt),
    address: defined(row.address),
    district: defined(row.district),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
