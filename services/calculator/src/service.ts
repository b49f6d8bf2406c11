// Starts the calculator on a given database: migrations first, then the app on its port.
import { createMetrics, type Database, type Logger, type Metrics } from "@wewall/shared";
import { runCatalogueMigrations } from "@wewall/catalogue";
import { buildApp } from "./app.js";
import type { CalculatorConfig } from "./config.js";

export async function startService(deps: {
  config: CalculatorConfig;
  db: Database;
  logger: Logger;
  metrics?: Metrics;
}) {
  await runCatalogueMigrations(deps.db.pool);
  const app = await buildApp({
    pool: deps.db.pool,
    logger: deps.logger,
    auth: deps.config.tokens,
    metrics: deps.metrics ?? createMetrics("calculator"),
  });
  await app.listen({ port: deps.config.port, host: deps.config.host });
  return { app, close: () => app.close() };
}
