// Metro stations from the shared data folder: names for the slot parser, coordinates for a shared location.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createStationIndex, loadStationsCsv, type StationIndex } from "@wewall/ru-numbers";

export interface MetroStations {
  index: StationIndex;
  nearest(lat: number, lon: number): string | undefined;
}

const FILE = "moscow_metro_stations_hh_2026.csv";

export async function loadMetroStations(sharedDataDir: string): Promise<MetroStations> {
  const csv = await readFile(join(sharedDataDir, FILE), "utf8");
  const located = readCoordinates(csv);
  return {
    index: createStationIndex(loadStationsCsv(csv)),
    nearest(lat, lon) {
      let best: string | undefined;
      let bestDistance = Infinity;
      for (const station of located) {
        const distance = haversineMeters(lat, lon, station.lat, station.lon);
        if (distance < bestDistance) [best, bestDistance] = [station.name, distance];
      }
      // A location farther than this from any station is not "near the metro" in any useful sense.
      return bestDistance <= 5000 ? best : undefined;
    },
  };
}

function readCoordinates(csv: string): { name: string; lat: number; lon: number }[] {
  const [header = "", ...lines] = csv.split(/\r?\n/);
  const columns = header.split(",");
  const [nameAt, latAt, lonAt] = ["station_name", "lat", "lon"].map((name) => columns.indexOf(name));
  return lines
    .map((line) => line.split(","))
    .map((cells) => ({
      name: cells[nameAt ?? -1] ?? "",
      lat: Number(cells[latAt ?? -1]),
      lon: Number(cells[lonAt ?? -1]),
    }))
    .filter((s) => s.name && Number.isFinite(s.lat) && Number.isFinite(s.lon) && s.lat !== 0 && s.lon !== 0);
}

export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
}
