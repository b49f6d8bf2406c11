// Builds the partner API's fastify app (no listen): partner routes under /partner/v1, keyed by partners' own keys.
import type pg from "pg";
import {
  createHttpApp,
  databaseReadiness,
  type CoreClient,
  type Logger,
  type Metrics,
  type ServiceTokens,
} from "@wewall/shared";
import type { FastifyPluginAsync } from "fastify";
import { createIdempotencyStore } from "./idempotency-store.js";
import { addPartnerGuard } from "./partner-guard.js";
import type { PartnerKeys } from "./partner-keys.js";
import type { Limit, RateLimiter } from "./rate-limiter.js";
import { callbackRoutes } from "./routes/callbacks.js";
import { dialogRoutes } from "./routes/dialogs.js";
import { toolRoutes } from "./routes/tools.js";
import { createUsageStore } from "./usage-store.js";

export interface AppDeps {
  pool: pg.Pool;
  logger: Logger;
  auth: ServiceTokens;
  metrics: Metrics;
  core: CoreClient;
  keys: PartnerKeys;
  limiter: RateLimiter;
  rate: Limit;
  quotas: { valuations: number; messages: number };
  calculatorUrl: string;
  searchUrl: string;
  /** The partner API's own service token, for the tools. */
  token: string | undefined;
  /** Wakes the callback sender. */
  pokeCallbacks: () => void;
}

export async function buildApp(deps: AppDeps) {
  const app = await createHttpApp({
    title: "WeWall partner API",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: () => databaseReadiness(deps.pool),
  });
  // One encapsulated plugin: its hooks (key, scope, limits, idempotency) run for partner routes only.
  const partnerApi: FastifyPluginAsync = async (scope) => {
    addPartnerGuard(scope, {
      keys: deps.keys,
      limiter: deps.limiter,
      idempotency: createIdempotencyStore(deps.pool),
      usage: createUsageStore(deps.pool),
      rate: deps.rate,
      quotas: deps.quotas,
      logger: deps.logger,
    });
    await scope.register(dialogRoutes, { core: deps.core });
    await scope.register(callbackRoutes, { pool: deps.pool, poke: deps.pokeCallbacks });
    await scope.register(toolRoutes, {
      calculatorUrl: deps.calculatorUrl,
      searchUrl: deps.searchUrl,
      token: deps.token,
    });
  };
  await app.register(partnerApi, { prefix: "/partner/v1" });
  // The OpenAPI document again where partners can reach it: the reverse proxy publishes /partner/ only.
  app.get("/partner/docs/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  // The core pushes the bot's replies in partner dialogs here (channel "partner"); partners already have them from
  // ?wait=true or the transcript, so taking them is all there is to do.
  app.post("/v1/deliveries", { config: { scope: "deliveries.push" } }, async () => ({ ok: true }));
  return app;
}
