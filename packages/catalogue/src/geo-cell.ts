// A ~1.1 × 1.0 km grid over Moscow latitudes: radius search asks an index for the few cells a circle covers.
const LAT_STEPS = 100; // 0.01° of latitude ≈ 1.11 km
const LON_STEPS = 60; // 1/60° of longitude ≈ 1.04 km at 55.75° N

// The same formula in SQL (a generated column) and in TypeScript (the cells of a query) must never drift apart.
export const GEO_CELL_SQL = `CASE WHEN lat IS NULL OR lon IS NULL THEN NULL ELSE floor(lat * ${LAT_STEPS})::int * 100000 + floor(lon * ${LON_STEPS})::int END`;

export function geoCell(lat: number, lon: number): number {
  return Math.floor(lat * LAT_STEPS) * 100_000 + Math.floor(lon * LON_STEPS);
}

export function geoCellsAround(lat: number, lon: number, radiusM: number): number[] {
  const dLat = radiusM / 111_320;
  const dLon = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
  const cells: number[] = [];
  for (let y = Math.floor((lat - dLat) * LAT_STEPS); y <= Math.floor((lat + dLat) * LAT_STEPS); y++) {
    for (let x = Math.floor((lon - dLon) * LON_STEPS); x <= Math.floor((lon + dLon) * LON_STEPS); x++) {
      cells.push(y * 100_000 + x);
    }
  }
  return cells;
}
