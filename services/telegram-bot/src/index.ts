// Starts the telegram-bot on its own: configuration, database, service, and a clean stop on signals.
import { createLogger, openDatabase } from "@wewall/shared";
import { loadConfig, type TelegramBotConfig } from "./config.js";
import { startService } from "./service.js";

let config: TelegramBotConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const logger = createLogger("telegram-bot", config.logLevel);
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const service = await startService({ config, db, logger });

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "stopping");
    void service
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
  });
}
