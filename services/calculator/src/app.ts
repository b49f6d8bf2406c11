// Builds the calculator fastify app (no listen), so tests drive it with app.inject.
import { createServiceApp, type ServiceAppDeps } from "@wewall/shared";
import { investmentRoutes } from "./routes/investment.js";
import { valuationRoutes } from "./routes/valuations.js";
import { createValuator } from "./value-property.js";

export type AppDeps = ServiceAppDeps;

export async function buildApp(deps: AppDeps) {
  const app = await createServiceApp("WeWall calculator", deps);
  const valuator = createValuator({ pool: deps.pool });
  await app.register(valuationRoutes, { valuator });
  await app.register(investmentRoutes, { valuator });
  return app;
}
