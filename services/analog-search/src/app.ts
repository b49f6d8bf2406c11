// Builds the analog-search fastify app (no listen), so tests drive it with app.inject.
import type pg from "pg";
import { createHttpApp, type Logger } from "@wewall/shared";
import { searchRoutes } from "./routes/search.js";
import { createAnalogSearch } from "./search-analogs.js";

export interface AppDeps {
  pool: pg.Pool;
  logger: Logger;
}

export async function buildApp(deps: AppDeps) {
  const app = await createHttpApp({ title: "WeWall analog search", logger: deps.logger });
  await app.register(searchRoutes, { analogSearch: createAnalogSearch({ pool: deps.pool }) });
  app.get("/health", async () => ({ ok: true }));
  return app;
}
