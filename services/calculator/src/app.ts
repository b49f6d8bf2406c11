// Builds the calculator fastify app (no listen), so tests drive it with app.inject.
import type pg from "pg";
import { createHttpApp, type Logger } from "@wewall/shared";
import { investmentRoutes } from "./routes/investment.js";
import { valuationRoutes } from "./routes/valuations.js";
import { createValuator } from "./value-property.js";

export interface AppDeps {
  pool: pg.Pool;
  logger: Logger;
}

export async function buildApp(deps: AppDeps) {
  const app = await createHttpApp({ title: "WeWall calculator", logger: deps.logger });
  const valuator = createValuator({ pool: deps.pool });
  await app.register(valuationRoutes, { valuator });
  await app.register(investmentRoutes, { valuator });
  app.get("/health", async () => ({ ok: true }));
  return app;
}
