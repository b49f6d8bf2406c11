// Reads the hh.ru metro CSV (station_id,station_name,line_id,line_name,…) into station records.
import type { Station } from "./create-station-index.js";

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export function loadStationsCsv(csvText: string): Station[] {
  const lines = csvText.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim());
  const nameAt = header.indexOf("station_name");
  const lineAt = header.indexOf("line_name");
  if (nameAt < 0) throw new Error("stations CSV has no station_name column");
  const stations: Station[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === "") continue;
    const fields = splitCsvLine(line);
    const name = fields[nameAt]?.trim();
    if (!name) continue;
    const lineName = lineAt >= 0 ? fields[lineAt]?.trim() : undefined;
    stations.push(lineName ? { name, line: lineName } : { name });
  }
  return stations;
}
