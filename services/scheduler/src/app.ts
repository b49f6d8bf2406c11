// Builds the scheduler's fastify app (no listen): the platform's probes and metrics; its work runs in the background.
import { createServiceApp, type ServiceAppDeps } from "@wewall/shared";

export type AppDeps = ServiceAppDeps;

export async function buildApp(deps: AppDeps) {
  return createServiceApp("WeWall scheduler", deps);
}
