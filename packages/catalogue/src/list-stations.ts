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
    "SELECT name, line_name AS line, lat, lon FROM metro_stations ORDER BY line_id, order_on_line NULLS LAST, name",
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
