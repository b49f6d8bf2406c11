// Builds the core's HTTP app (no listen): the routes every channel connector calls.
import { createHttpApp, databaseReadiness, type Logger, type Metrics, type ServiceTokens } from "@wewall/shared";
import { deliveryRoutes } from "./routes/deliveries.js";
import { dialogRoutes } from "./routes/dialogs.js";
import { eventRoutes } from "./routes/events.js";
import { followUpRoutes } from "./routes/follow-ups.js";
import { messageRoutes } from "./routes/messages.js";
import type { RouteDeps } from "./routes/route-deps.js";

export async function buildCoreApp(deps: RouteDeps & { logger: Logger; auth: ServiceTokens; metrics: Metrics }) {
  const app = await createHttpApp({
    title: "WeWall core",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: async () =>
      deps.isReady() ? databaseReadiness(deps.pool) : { ready: false, details: { core: "starting" } },
  });
  const routeDeps: RouteDeps = { pool: deps.pool, engine: deps.engine, isReady: deps.isReady };
  await app.register(messageRoutes, routeDeps);
  await app.register(dialogRoutes, routeDeps);
  await app.register(eventRoutes, routeDeps);
  await app.register(deliveryRoutes, routeDeps);
  await app.register(followUpRoutes, routeDeps);
  return app;
}
