// Metro station look-ups for the core (slot filling) and for validating requests.
import type pg from "pg";
import { normalizeKey } from "./normalize-key.js";

export interface Station {
  name: string;
  line: string;
  lat: number | null;
  lon: number | null;
}

export async function listStations(pool: pg.Pool): Promise<Station[]> {
  const result = await pool.query<Station>(
    // stations known only from listings have no line: the core's station list is the transit operator's
    "SELECT name, line_name AS line, lat, lon FROM metro_stations WHERE source <> 'listings' ORDER BY line_id, order_on_line NULLS LAST, name",
  );
  return result.rows;
}

export interface StationMatch {
  name: string;
  key: string;
  lat: number | null;
  lon: number | null;
}

// A transfer station appears once per line; its averaged coordinates stand for the whole hub.
export async function findStation(pool: pg.Pool, name: string): Promise<StationMatch | null> {
  const key = normalizeKey(name);
  if (!key) return null;
  const result = await pool.query<{ name: string; lat: number | null; lon: number | null }>(
    "SELECT min(name) AS name, avg(lat) AS lat, avg(lon) AS lon FROM metro_stations WHERE name_key = $1 HAVING count(*) > 0",
    [key],
  );
  const row = result.rows[0];
  return row ? { name: row.name, key, lat: row.lat, lon: row.lon } : null;
}

export interface StationIndex {
  get(name: string): StationMatch | undefined;
  size: number;
}

// All stations keyed by normalised name, so request validation costs no query.
export async function loadStationIndex(pool: pg.Pool): Promise<StationIndex> {
  const result = await pool.query<{ key: string; name: string; lat: number | null; lon: number | null }>(
    "SELECT name_key AS key, min(name) AS name, avg(lat) AS lat, avg(lon) AS lon FROM metro_stations GROUP BY name_key",
  );
  const byKey = new Map(result.rows.map((row) => [row.key, { ...row }]));
  return {
    size: byKey.size,
    get(name) {
      const key = normalizeKey(name);
      return key ? byKey.get(key) : undefined;
    },
  };
}
