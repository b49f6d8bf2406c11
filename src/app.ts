// Builds the core's HTTP app (no listen): the routes every channel connector calls.
import { createHttpApp, type Logger } from "@wewall/shared";
import { deliveryRoutes } from "./routes/deliveries.js";
import { dialogRoutes } from "./routes/dialogs.js";
import { eventRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { messageRoutes } from "./routes/messages.js";
import type { RouteDeps } from "./routes/route-deps.js";

export async function buildCoreApp(deps: RouteDeps & { logger: Logger }) {
  const app = await createHttpApp({ title: "WeWall core", logger: deps.logger });
  const routeDeps: RouteDeps = { pool: deps.pool, engine: deps.engine, isReady: deps.isReady };
  await app.register(healthRoutes, routeDeps);
  await app.register(messageRoutes, routeDeps);
  await app.register(dialogRoutes, routeDeps);
  await app.register(eventRoutes, routeDeps);
  await app.register(deliveryRoutes, routeDeps);
  return app;
}
