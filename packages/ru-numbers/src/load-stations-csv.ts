// Reads the hh.ru metro CSV (station_id,station_name,line_id,line_name,…) into station records.
import type { Station } from "./create-station-index.js";
import { parseCsv } from "@wewall/shared/csv";

export function loadStationsCsv(csvText: string): Station[] {
  const { records } = parseCsv(csvText);
  if (records.length > 0 && !("station_name" in (records[0] ?? {}))) {
    throw new Error("stations CSV has no station_name column");
  }
  const stations: Station[] = [];
  for (const record of records) {
    const name = record["station_name"]?.trim();
    if (!name) continue;
    const line = record["line_name"]?.trim();
    stations.push(line ? { name, line } : { name });
  }
  return stations;
}
