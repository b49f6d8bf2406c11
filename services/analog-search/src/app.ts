// Builds the analog-search fastify app (no listen), so tests drive it with app.inject.
import { createServiceApp, type ServiceAppDeps } from "@wewall/shared";
import { searchRoutes } from "./routes/search.js";
import { createAnalogSearch } from "./search-analogs.js";

export type AppDeps = ServiceAppDeps;

export async function buildApp(deps: AppDeps) {
  const app = await createServiceApp("WeWall analog search", deps);
  await app.register(searchRoutes, { analogSearch: createAnalogSearch({ pool: deps.pool }) });
  return app;
}
