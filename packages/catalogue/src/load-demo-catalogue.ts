// `npm start` fills an empty embedded database with the demo data set from the shared data folder.
import { join } from "node:path";
import type pg from "pg";
import type { Logger } from "@wewall/shared";
import { importCatalogueFiles } from "./import-catalogue.js";
import type { FileReport } from "./load-rows.js";
import { runCatalogueMigrations } from "./migrations.js";

export const DEMO_FILES = [
  "moscow_metro_stations_hh_2026.csv",
  "appraisal_adjustments_lct2022_long.csv",
  "cian_moscow_sale_flats_2023.csv",
  "cian_moscow_rent_flats_2025_sample.csv",
] as const;

export async function loadDemoCatalogueIfEmpty(pool: pg.Pool, dataDir: string, logger: Logger): Promise<FileReport[]> {
  await runCatalogueMigrations(pool);
  const present = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT 1 FROM listings LIMIT 1) s");
  if ((present.rows[0]?.n ?? 0) > 0) {
    logger.info("catalogue already loaded, demo import skipped");
    return [];
  }
  const started = Date.now();
  const reports = await importCatalogueFiles(
    pool,
    DEMO_FILES.map((name) => join(dataDir, name)),
    logger,
  );
  logger.info({ ms: Date.now() - started, dataDir }, "demo catalogue loaded");
  return reports;
}
