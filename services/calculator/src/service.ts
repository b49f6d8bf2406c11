// Starts calculator on a given database: migrations first, then the app on its port.
import type { Database, Logger } from "@wewall/shared";
import { runCatalogueMigrations } from "@wewall/catalogue";
import { buildApp } from "./app.js";
import type { CalculatorConfig } from "./config.js";

export async function startService(deps: { config: CalculatorConfig; db: Database; logger: Logger }) {
  await runCatalogueMigrations(deps.db.pool);
  const app = await buildApp({ pool: deps.db.pool, logger: deps.logger });
  await app.listen({ port: deps.config.port, host: deps.config.host });
  return { app, close: () => app.close() };
}
