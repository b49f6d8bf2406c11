// Runs one catalogue service as its own process: its database handle, the demo set when embedded, clean shutdown.
import { createLogger, openDatabase, type Database, type Logger } from "@wewall/shared";
import type { CatalogueServiceConfig } from "./catalogue-service-config.js";
import { loadDemoCatalogueIfEmpty } from "./load-demo-catalogue.js";

export async function serveAlone<C extends CatalogueServiceConfig>(
  name: string,
  config: C,
  start: (deps: { config: C; db: Database; logger: Logger }) => Promise<{ close(): Promise<void> }>,
): Promise<void> {
  const logger = createLogger(name, config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // alone on its embedded database it would otherwise serve an empty catalogue
  if (db.embedded) await loadDemoCatalogueIfEmpty(db.pool, config.sharedDataDir, logger);
  const service = await start({ config, db, logger });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void service
        .close()
        .then(() => db.close())
        .finally(() => process.exit(0));
    });
  }
}
