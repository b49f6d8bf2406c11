// Runs calculator on its own: configuration from the environment, its own database handle.
import { createLogger, openDatabase } from "@wewall/shared";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

const config = loadConfig(process.env);
const logger = createLogger("calculator", config.logLevel);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
// alone on its embedded database it would otherwise serve an empty catalogue
if (db.embedded) await loadDemoCatalogueIfEmpty(db.pool, config.sharedDataDir, logger);
const service = await startService({ config, db, logger });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void service
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}
