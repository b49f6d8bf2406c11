// Imports catalogue files (CSV/JSON, recognised by their columns), one transaction per file.
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type pg from "pg";
import type { Logger } from "@wewall/shared";
import { CIAN_RENT_COLUMNS, mapCianRentRow } from "./map-cian-rent-row.js";
import { CIAN_SALE_COLUMNS, mapCianSaleRow } from "./map-cian-sale-row.js";
import {
  ADJUSTMENT_COLUMNS,
  LCT_SOURCE,
  mapAdjustmentJson,
  mapAdjustmentRow,
  type CoefficientRow,
} from "./map-adjustment-rows.js";
import { HH_STATION_COLUMNS, mapMetroStationRow, type StationRow } from "./map-metro-station-row.js";
import { RowError, type ListingRow, type MapResult, type RejectedRow } from "./listing-row.js";
import { parseCsv } from "./parse-csv.js";
import { replaceCoefficients, upsertStations } from "./upsert-stations.js";
import { upsertListings, type Queryable } from "./upsert-listings.js";
import { runCatalogueMigrations } from "./migrations.js";

export type FileKind = "stations" | "adjustments" | "sale" | "rent";

export interface FileReport {
  file: string;
  kind: FileKind | null;
  loaded: number;
  rejected: RejectedRow[];
  error?: string;
  skipped?: string;
}

// Files in a folder that are not catalogue data (another data set, a raw dump) are skipped, not failed.
class Skipped {
  constructor(readonly reason: string) {}
}

// Above this share of rejected rows the file is more likely in the wrong format than dirty: load none of it.
const MAX_REJECTED_SHARE = 0.5;
const ORDER: FileKind[] = ["stations", "adjustments", "sale", "rent"];

interface Parsed {
  kind: FileKind;
  rows: { line: number; result: MapResult<ListingRow | StationRow | CoefficientRow> }[];
}

export async function importCatalogueFiles(pool: pg.Pool, files: readonly string[], logger: Logger) {
  await runCatalogueMigrations(pool);
  const parsed = await Promise.all(files.map(async (file) => ({ file, parsed: await parseFile(file) })));
  parsed.sort((a, b) => rank(a.parsed) - rank(b.parsed));
  const reports: FileReport[] = [];
  for (const { file, parsed: p } of parsed) {
    const report =
      p instanceof Skipped
        ? { file: basename(file), kind: null, loaded: 0, rejected: [], skipped: p.reason }
        : p instanceof Error
          ? failed(file, null, p.message)
          : await loadParsed(pool, file, p);
    logger.info(
      {
        file: report.file,
        kind: report.kind,
        loaded: report.loaded,
        rejected: report.rejected.length,
        error: report.error,
        skipped: report.skipped,
      },
      "catalogue file imported",
    );
    for (const row of report.rejected.slice(0, 20)) logger.warn({ rejected: row }, "catalogue row rejected");
    reports.push(report);
  }
  // fresh statistics: without them the planner scans the catalogue instead of using the station and address indexes
  if (reports.some((r) => r.loaded > 0)) await analyzeCatalogue(pool);
  return reports;
}

export async function analyzeCatalogue(pool: pg.Pool): Promise<void> {
  // VACUUM also marks pages all-visible, which index-only scans need to skip the table
  await pool.query("VACUUM (ANALYZE) listings");
  await pool.query("ANALYZE metro_stations");
}

// Every recognisable file in a folder: the demo data set is just the shared data folder.
export async function catalogueFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => [".csv", ".json"].includes(extname(name)))
    .sort()
    .map((name) => join(dir, name));
}

function rank(parsed: Parsed | Error | Skipped): number {
  return parsed instanceof Error || parsed instanceof Skipped ? -1 : ORDER.indexOf(parsed.kind);
}

function failed(file: string, kind: FileKind | null, error: string): FileReport {
  return { file: basename(file), kind, loaded: 0, rejected: [], error };
}

async function parseFile(file: string): Promise<Parsed | Error | Skipped> {
  try {
    const text = await readFile(file, "utf8");
    if (extname(file) === ".json") {
      const json: unknown = JSON.parse(text);
      if (typeof json !== "object" || json === null || !(LCT_SOURCE in json))
        return new Skipped("not an adjustment JSON");
      const rows = mapAdjustmentJson(json);
      return { kind: "adjustments", rows: rows.map((row, i) => ({ line: i + 1, result: { ok: true, row } })) };
    }
    const { header, records } = parseCsv(text);
    const kind = kindOf(header);
    if (!kind) return new Skipped(`unrecognised columns: ${header.slice(0, 6).join(", ")}`);
    const map = {
      sale: mapCianSaleRow,
      rent: mapCianRentRow,
      stations: mapMetroStationRow,
      adjustments: mapAdjustmentRow,
    }[kind];
    return { kind, rows: records.map((record, i) => ({ line: i + 2, result: map(record) })) };
  } catch (error) {
    if (error instanceof RowError || error instanceof SyntaxError) return new Error(error.message);
    throw error;
  }
}

function kindOf(header: readonly string[]): FileKind | null {
  const has = (columns: readonly string[]) => columns.every((c) => header.includes(c));
  if (has(CIAN_SALE_COLUMNS)) return "sale";
  if (has(CIAN_RENT_COLUMNS)) return "rent";
  if (has(HH_STATION_COLUMNS)) return "stations";
  if (has(ADJUSTMENT_COLUMNS)) return "adjustments";
  return null;
}

async function loadParsed(pool: pg.Pool, file: string, parsed: Parsed): Promise<FileReport> {
  const name = basename(file);
  const rejected: RejectedRow[] = [];
  const good = new Map<string, { line: number; row: ListingRow | StationRow | CoefficientRow }>();
  for (const { line, result } of parsed.rows) {
    if (!result.ok) {
      rejected.push({ file: name, line, id: null, reason: result.reason });
      continue;
    }
    const id =
      "id" in result.row ? result.row.id : `${result.row.table}:${result.row.objectBin}:${result.row.analogBin}`;
    const earlier = good.get(id);
    if (earlier)
      rejected.push({ file: name, line: earlier.line, id, reason: `duplicate id, superseded by line ${line}` });
    good.set(id, { line, row: result.row });
  }
  if (rejected.length > parsed.rows.length * MAX_REJECTED_SHARE) {
    return { ...failed(file, parsed.kind, `${rejected.length} of ${parsed.rows.length} rows rejected`), rejected };
  }
  const rows = [...good.values()].map((entry) => entry.row);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const loaded = await write(client, parsed.kind, rows);
    await client.query("COMMIT");
    return { file: name, kind: parsed.kind, loaded, rejected };
  } catch (error) {
    await client.query("ROLLBACK");
    return { ...failed(file, parsed.kind, error instanceof Error ? error.message : String(error)), rejected };
  } finally {
    client.release();
  }
}

function write(db: Queryable, kind: FileKind, rows: (ListingRow | StationRow | CoefficientRow)[]): Promise<number> {
  if (kind === "stations")
    return upsertStations(
      db,
      rows.filter((r): r is StationRow => "lineId" in r),
    );
  if (kind === "adjustments")
    return replaceCoefficients(
      db,
      rows.filter((r): r is CoefficientRow => "table" in r),
    );
  return upsertListings(
    db,
    rows.filter((r): r is ListingRow => "dealType" in r),
  );
}
