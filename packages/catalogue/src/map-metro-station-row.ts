// A row of moscow_metro_stations_hh_2026.csv → a metro station.
import { mapWith, optionalInt, optionalNumber, optionalText, RowError, type MapResult } from "./listing-row.js";

export interface StationRow {
  id: string;
  name: string;
  lineId: string;
  lineName: string;
  lineColor: string | null;
  lineType: string | null;
  orderOnLine: number | null;
  lat: number | null;
  lon: number | null;
  source: string;
}

export const HH_STATION_COLUMNS = ["station_id", "station_name", "line_id", "line_name", "lat", "lon"] as const;

export function mapMetroStationRow(record: Record<string, string>): MapResult<StationRow> {
  return mapWith(() => {
    const id = optionalText(record.station_id);
    const name = optionalText(record.station_name);
    const lineId = optionalText(record.line_id);
    const lineName = optionalText(record.line_name);
    if (!id) throw new RowError("station_id: missing");
    if (!name) throw new RowError("station_name: missing");
    if (!lineId || !lineName) throw new RowError("line_id/line_name: missing");
    const lat = optionalNumber(record.lat, "lat");
    const lon = optionalNumber(record.lon, "lon");
    // Moscow region bounds: the three known source errors must not pass as real coordinates
    const inMoscow = lat !== null && lon !== null && lat > 54.5 && lat < 56.6 && lon > 35.5 && lon < 39.5;
    return {
      id: `hh:${id}`,
      name,
      lineId,
      lineName,
      lineColor: optionalText(record.line_color_hex),
      lineType: optionalText(record.line_type),
      orderOnLine: optionalInt(record.order_on_line, "order_on_line"),
      lat: inMoscow ? lat : null,
      lon: inMoscow ? lon : null,
      source: "hh",
    };
  });
}
