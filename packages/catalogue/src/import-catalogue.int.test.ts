// Demo import against real PostgreSQL: loads, is idempotent, reports rejected rows, and never loads a bad file half-way.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { geoCell } from "./geo-cell.js";
import { importCatalogueFiles } from "./import-catalogue.js";
import { listStations } from "./list-stations.js";
import { loadDemoCatalogueIfEmpty } from "./load-demo-catalogue.js";

const dataDir = process.env.SHARED_DATA_DIR ?? new URL("../../../../shared/data", import.meta.url).pathname;
const logger = createLogger("test", "silent");
let db: TestDatabase;

const count = async (sql: string) => (await db.pool.query<{ n: number }>(sql)).rows[0]?.n;

describe("catalogue import", () => {
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("loads the demo data set into an empty database, then leaves it alone", async () => {
    const reports = await loadDemoCatalogueIfEmpty(db.pool, dataDir, logger);
    expect(reports.map((r) => [r.kind, r.error])).toEqual([
      ["stations", undefined],
      ["adjustments", undefined],
      ["sale", undefined],
      ["rent", undefined],
    ]);
    const sale = reports.find((r) => r.kind === "sale");
    expect((sale?.loaded ?? 0) + (sale?.rejected.length ?? 0)).toBe(15_731);
    expect(sale?.rejected.length).toBeLessThan(200);
    expect(sale?.rejected[0]?.reason).toMatch(/: /);
    expect(await count("SELECT count(*)::int AS n FROM listings WHERE deal_type = 'rent'")).toBe(1000);
    expect(await count("SELECT count(*)::int AS n FROM square_coeffs")).toBe(36);
    expect(await count("SELECT count(*)::int AS n FROM bargaining_coeffs")).toBe(1);
    // sale listings borrow their station's coordinates so radius search covers them
    expect(
      await count("SELECT count(*)::int AS n FROM listings WHERE lat IS NULL AND deal_type = 'sale'"),
    ).toBeLessThan(600);
    expect(await loadDemoCatalogueIfEmpty(db.pool, dataDir, logger)).toEqual([]);
    const stations = await listStations(db.pool);
    expect(stations).toHaveLength(452);
    expect(stations).toContainEqual({ name: "Октябрьская", line: "Кольцевая", lat: 55.729264, lon: 37.611049 });
  });

  it("computes the same grid cell in SQL as in TypeScript", async () => {
    const rows = await db.pool.query<{ lat: number; lon: number; geo_cell: number }>(
      "SELECT lat, lon, geo_cell FROM listings WHERE lat IS NOT NULL ORDER BY id LIMIT 500",
    );
    expect(rows.rows.length).toBe(500);
    for (const row of rows.rows) expect(row.geo_cell).toBe(geoCell(row.lat, row.lon));
  });

  it("re-imports without duplicating and updates changed rows", async () => {
    const before = await count("SELECT count(*)::int AS n FROM listings");
    const dir = await mkdtemp(join(tmpdir(), "catalogue-"));
    const file = join(dir, "rent.csv");
    await writeFile(
      file,
      "offer_id,url,deal_type,district,metro_station_cian,street,house_number,floor,floors_total,total_area_m2,rooms,rent_rub_month,lat,lon,geocode_suspect\n" +
        "317581545,https://www.cian.ru/rent/flat/317581545/,rent_long,Марьина роща,Марьина Роща,4-я Марьиной рощи,4А,3,5,45.0,2,61000,55.79,37.62,False\n" +
        "999,,rent_long,,,,,9,5,30,1,50000,,,False\n",
    );
    const [report] = await importCatalogueFiles(db.pool, [file], logger);
    expect(report?.loaded).toBe(1);
    expect(report?.rejected).toEqual([
      { file: "rent.csv", line: 3, id: null, reason: "floor: 9 above floors_total 5" },
    ]);
    expect(await count("SELECT count(*)::int AS n FROM listings")).toBe(before);
    expect(await count("SELECT price::int AS n FROM listings WHERE id = 'cian:317581545'")).toBe(61000);
  });

  it("loads nothing from a file that fails half-way", async () => {
    const before = await count("SELECT count(*)::int AS n FROM listings");
    const dir = await mkdtemp(join(tmpdir(), "catalogue-"));
    const file = join(dir, "sale.csv");
    const good = "1,10000000,40,1,Сокол,walk\n2,12000000,45,1,Сокол,walk\n";
    // a year beyond int4 passes the row checks and fails only inside the database, after two rows went in
    const header = "offer_id,price_rub,total_area_m2,rooms,metro_station,metro_mode,year_built\n";
    await writeFile(file, header + good.replaceAll("walk\n", "walk,\n") + "3,9000000,40,1,Сокол,walk,99999999999\n");
    const [report] = await importCatalogueFiles(db.pool, [file], logger);
    expect(report?.loaded).toBe(0);
    expect(report?.error).toMatch(/out of range/);
    expect(await count("SELECT count(*)::int AS n FROM listings")).toBe(before);
  });
});
