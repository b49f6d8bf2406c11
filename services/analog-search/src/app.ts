// Builds the analog-search fastify app (no listen), so tests drive it with app.inject.
import type pg from "pg";
import { createHttpApp, databaseReadiness, type Logger, type Metrics, type ServiceTokens } from "@wewall/shared";
import { searchRoutes } from "./routes/search.js";
import { createAnalogSearch } from "./search-analogs.js";

export interface AppDeps {
  pool: pg.Pool;
  logger: Logger;
  auth: ServiceTokens;
  metrics: Metrics;
}

export async function buildApp(deps: AppDeps) {
  const app = await createHttpApp({
    title: "WeWall analog search",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: () => databaseReadiness(deps.pool),
  });
  await app.register(searchRoutes, { analogSearch: createAnalogSearch({ pool: deps.pool }) });
  return app;
}
