// Imports catalogue files (CSV/JSON, recognised by their columns), one transaction per file.
import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type pg from "pg";
import type { Logger } from "@wewall/shared";
import { CIAN_RENT_COLUMNS, mapCianRentRow } from "./map-cian-rent-row.js";
import { CIAN_SALE_COLUMNS, mapCianSaleRow } from "./map-cian-sale-row.js";
import { ADJUSTMENT_COLUMNS, LCT_SOURCE, mapAdjustmentJson, mapAdjustmentRow } from "./map-adjustment-rows.js";
import { HH_STATION_COLUMNS, mapMetroStationRow } from "./map-metro-station-row.js";
import { RowError } from "./listing-row.js";
import { parseCsv } from "@wewall/shared/csv";
import { failed, loadRows, type FileKind, type FileReport, type Parsed } from "./load-rows.js";
import { runCatalogueMigrations } from "./migrations.js";

// Files in a folder that are not catalogue data (another data set, a raw dump) are skipped, not failed.
class Skipped {
  constructor(readonly reason: string) {}
}

type CsvKind = "stations" | "adjustments" | "sale" | "rent";
const ORDER: FileKind[] = ["stations", "adjustments", "sale", "rent"];

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
          : await loadRows(pool, basename(file), p);
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
    for (const row of report.rejected.slice(0, 20)) logger.debug({ rejected: row }, "catalogue row rejected");
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

function kindOf(header: readonly string[]): CsvKind | null {
  const has = (columns: readonly string[]) => columns.every((c) => header.includes(c));
  if (has(CIAN_SALE_COLUMNS)) return "sale";
  if (has(CIAN_RENT_COLUMNS)) return "rent";
  if (has(HH_STATION_COLUMNS)) return "stations";
  if (has(ADJUSTMENT_COLUMNS)) return "adjustments";
  return null;
}
