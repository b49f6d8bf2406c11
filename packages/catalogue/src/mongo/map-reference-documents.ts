// Documents of `subway_stations`, `square_coeffs`, `way_to_subway_coeffs` and `messages` → catalogue rows.
import { mapWith, RowError, type MapResult } from "../listing-row.js";
import { LCT_SOURCE, type CoefficientRow } from "../map-adjustment-rows.js";
import type { StationRow } from "../map-metro-station-row.js";
import type { CoefficientTable } from "../migrations.js";
import type { TranscriptRow } from "../upsert-transcripts.js";
import { date, field, idOf, num, text, type MongoDocument } from "./document-fields.js";

export function mapSubwayStationDocument(doc: MongoDocument): MapResult<StationRow> {
  return mapWith(() => {
    const name = text(field(doc, "name", "station"));
    if (!name) throw new RowError("name: missing");
    const line = text(field(doc, "line", "line_name"));
    if (!line) throw new RowError("line: missing");
    const location = field(doc, "location");
    const geo =
      typeof location === "object" && location !== null && "coordinates" in location ? location.coordinates : null;
    const [lon, lat] = Array.isArray(geo) ? geo : [field(doc, "lon", "lng"), field(doc, "lat")];
    return {
      id: `mongo:${idOf(doc)}`,
      name,
      lineId: text(field(doc, "line_id")) ?? line,
      lineName: line,
      lineColor: text(field(doc, "color", "line_color")),
      lineType: text(field(doc, "line_type")),
      orderOnLine: null,
      lat: num(lat, "lat"),
      lon: num(lon, "lon"),
      source: "mongo",
    };
  });
}

// `value` is a percentage (as in the LCT tables); `coeff` a multiplier (1.07 = +7 %), as older deployments stored it.
export function mapCoefficientDocument(
  table: Extract<CoefficientTable, "square_coeffs" | "way_to_subway_coeffs">,
  doc: MongoDocument,
): MapResult<CoefficientRow> {
  return mapWith(() => {
    const objectBin = text(field(doc, "object_bin", "object"));
    const analogBin = text(field(doc, "analog_bin", "analog"));
    if (!objectBin || !analogBin) throw new RowError("object_bin/analog_bin: missing");
    const pct = num(field(doc, "value", "pct"), "value");
    const multiplier = num(field(doc, "coeff", "coefficient"), "coeff");
    const value = pct ?? (multiplier === null ? null : Math.round((multiplier - 1) * 10_000) / 100);
    if (value === null) throw new RowError("value/coeff: missing");
    return {
      table,
      objectBin,
      analogBin,
      value,
      unit: "pct",
      source: text(field(doc, "source")) ?? `mongo:${LCT_SOURCE}`,
    };
  });
}

const AUTHORS: Record<string, TranscriptRow["author"]> = {
  user: "client",
  client: "client",
  bot: "bot",
  assistant: "bot",
  manager: "manager",
  operator: "manager",
};

export function mapMessageDocument(doc: MongoDocument): MapResult<TranscriptRow> {
  return mapWith(() => {
    const chatId = text(field(doc, "chat_id", "chatId", "user_id"));
    if (!chatId) throw new RowError("chat_id: missing");
    const body = text(field(doc, "text", "message"));
    if (!body) throw new RowError("text: missing");
    const from = text(field(doc, "from", "role", "author"))?.toLowerCase() ?? "user";
    const author = AUTHORS[from];
    if (!author) throw new RowError(`from: unknown author (${from})`);
    return {
      id: `mongo:${idOf(doc)}`,
      source: "mongo",
      chatId,
      author,
      text: body,
      sentAt: date(field(doc, "date", "created_at", "timestamp")),
    };
  });
}
