// Loads one source's mapped rows in one transaction: all of it or, on any database error, none of it.
import { withTransaction } from "@wewall/shared";
import type pg from "pg";
import type { ListingRow, MapResult, RejectedRow } from "./listing-row.js";
import type { CoefficientRow } from "./map-adjustment-rows.js";
import type { StationRow } from "./map-metro-station-row.js";
import { upsertListings, type Queryable } from "./upsert-listings.js";
import { replaceCoefficients, upsertStations } from "./upsert-stations.js";
import { upsertTranscripts, type TranscriptRow } from "./upsert-transcripts.js";

export type FileKind = "stations" | "adjustments" | "sale" | "rent" | "listings" | "transcripts";
export type AnyRow = ListingRow | StationRow | CoefficientRow | TranscriptRow;

export interface FileReport {
  file: string;
  kind: FileKind | null;
  loaded: number;
  rejected: RejectedRow[];
  error?: string;
  skipped?: string;
}

export interface Parsed {
  kind: FileKind;
  rows: { line: number; result: MapResult<AnyRow> }[];
}

// Above this share of rejected rows the source is more likely in the wrong format than dirty: load none of it.
const MAX_REJECTED_SHARE = 0.5;

export function failed(name: string, kind: FileKind | null, error: string): FileReport {
  return { file: name, kind, loaded: 0, rejected: [], error };
}

export async function loadRows(pool: pg.Pool, name: string, parsed: Parsed): Promise<FileReport> {
  const rejected: RejectedRow[] = [];
  const good = new Map<string, { line: number; row: AnyRow }>();
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
    return { ...failed(name, parsed.kind, `${rejected.length} of ${parsed.rows.length} rows rejected`), rejected };
  }
  const rows = [...good.values()].map((entry) => entry.row);
  try {
    const loaded = await withTransaction(pool, (client) => write(client, parsed.kind, rows));
    return { file: name, kind: parsed.kind, loaded, rejected };
  } catch (error) {
    return { ...failed(name, parsed.kind, error instanceof Error ? error.message : String(error)), rejected };
  }
}

function write(db: Queryable, kind: FileKind, rows: AnyRow[]): Promise<number> {
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
  if (kind === "transcripts") {
    return upsertTranscripts(
      db,
      rows.filter((r): r is TranscriptRow => "chatId" in r),
    );
  }
  return upsertListings(
    db,
    rows.filter((r): r is ListingRow => "dealType" in r),
  );
}
