// Before a catalogue service starts: an empty catalogue gets the demo set, or valuations and searches serve nothing.
import { access } from "node:fs/promises";
import { join } from "node:path";
import type pg from "pg";
import { sleep, type ServiceDeps } from "@wewall/shared";
import type { CatalogueServiceConfig } from "./catalogue-service-config.js";
import { DEMO_FILES, loadDemoCatalogueIfEmpty } from "./load-demo-catalogue.js";

// Not the migrations' key: loading runs the migrations, which take theirs on another connection.
const LOAD_LOCK_KEY = 727_273;

/**
 * Embedded database: load the demo set (it must be there). A server: the first of the catalogue services to start on
 * an empty catalogue loads the demo set from SHARED_DATA_DIR when the folder holds it (a mounted volume in
 * docker-compose); the other waits on a lock and finds it loaded. Without the files the service starts on what the
 * database has (an operator imports with `cli import`).
 */
export async function prepareCatalogue({ config, db, logger }: ServiceDeps<CatalogueServiceConfig>): Promise<void> {
  if (db.embedded) {
    await loadDemoCatalogueIfEmpty(db.pool, config.sharedDataDir, logger);
    return;
  }
  const missing = await missingFiles(config.sharedDataDir);
  if (missing.length > 0) {
    logger.info({ dir: config.sharedDataDir, missing }, "no demo catalogue in SHARED_DATA_DIR: none loaded");
    return;
  }
  await whileLocked(db.pool, () => loadDemoCatalogueIfEmpty(db.pool, config.sharedDataDir, logger));
}

async function missingFiles(dir: string): Promise<string[]> {
  const present = await Promise.all(
    DEMO_FILES.map((name) =>
      access(join(dir, name)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return DEMO_FILES.filter((_, at) => !present[at]);
}

async function whileLocked<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const holder = await pool.connect();
  try {
    // Polled, not waited for in one statement: the wait (a load takes ~10 s) must not meet the statement timeout.
    for (;;) {
      const { rows } = await holder.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
        LOAD_LOCK_KEY,
      ]);
      if (rows[0]?.locked) break;
      await sleep(200);
    }
    return await work();
  } finally {
    await holder.query("SELECT pg_advisory_unlock($1)", [LOAD_LOCK_KEY]).catch(() => undefined);
    holder.release();
  }
}
