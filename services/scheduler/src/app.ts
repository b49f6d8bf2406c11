// Builds the scheduler's fastify app (no listen): the platform's probes and metrics; its work runs in the background.
import type pg from "pg";
import { createHttpApp, databaseReadiness, type Logger, type Metrics, type ServiceTokens } from "@wewall/shared";

export interface AppDeps {
  pool: pg.Pool;
  logger: Logger;
  auth: ServiceTokens;
  metrics: Metrics;
}

export async function buildApp(deps: AppDeps) {
  return createHttpApp({
    title: "WeWall scheduler",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: () => databaseReadiness(deps.pool),
  });
}
