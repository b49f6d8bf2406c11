// Runs the chat-connector on its own: configuration from the environment, the database, the service.
import { createLogger, openDatabase } from "@wewall/shared";
import { ConfigError, loadConfig } from "./config.js";
import { startService } from "./service.js";

let logger = createLogger("chat-connector");
try {
  const config = loadConfig(process.env);
  logger = createLogger("chat-connector", config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const service = await startService({ config, db, logger });
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      void service.close().then(() => db.close());
    });
} catch (error) {
  if (error instanceof ConfigError) logger.fatal({ problems: error.problems }, error.message);
  else logger.fatal({ err: error }, "chat-connector failed to start");
  process.exitCode = 1;
}
