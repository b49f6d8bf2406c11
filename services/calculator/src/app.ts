// Builds the calculator fastify app (no listen), so tests drive it with app.inject.
import type pg from "pg";
import { createHttpApp, databaseReadiness, type Logger, type Metrics, type ServiceTokens } from "@wewall/shared";
import { investmentRoutes } from "./routes/investment.js";
import { valuationRoutes } from "./routes/valuations.js";
import { createValuator } from "./value-property.js";

export interface AppDeps {
  pool: pg.Pool;
  logger: Logger;
  auth: ServiceTokens;
  metrics: Metrics;
}

export async function buildApp(deps: AppDeps) {
  const app = await createHttpApp({
    title: "WeWall calculator",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: () => databaseReadiness(deps.pool),
  });
  const valuator = createValuator({ pool: deps.pool });
  await app.register(valuationRoutes, { valuator });
  await app.register(investmentRoutes, { valuator });
  return app;
}
