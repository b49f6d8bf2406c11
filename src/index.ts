// Runs the core alone: configuration from the environment, the database, the service.
import { createLogger, openDatabase } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

const config = loadConfig(process.env);
const logger = createLogger("core", config.logLevel);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const service = await startService({ config, db, logger });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void service
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}
