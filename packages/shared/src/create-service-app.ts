// The app of a service that is ready when its database answers: the platform's options from its dependencies.
import type pg from "pg";
import { databaseReadiness } from "./database.js";
import { createHttpApp, type HttpApp } from "./http-app.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import type { ServiceTokens } from "./service-auth.js";

export interface ServiceAppDeps {
  pool: pg.Pool;
  logger: Logger;
  auth: ServiceTokens;
  metrics: Metrics;
}

export function createServiceApp(title: string, deps: ServiceAppDeps): Promise<HttpApp> {
  return createHttpApp({
    title,
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: () => databaseReadiness(deps.pool),
  });
}
