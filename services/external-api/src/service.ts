// Starts the partner API on a given database: migrations, the app on its port, the event follower and the callbacks.
import { Redis } from "ioredis";
import {
  createCoreClient,
  createMetrics,
  runMigrations,
  watchQueues,
  type CoreClient,
  type Database,
  type Logger,
  type Metrics,
} from "@wewall/shared";
import { buildApp } from "./app.js";
import type { ExternalApiConfig } from "./config.js";
import { createPartnerEventFollower } from "./follow-partner-events.js";
import { externalApiMigrations } from "./migrations.js";
import { createIdempotencyStore } from "./idempotency-store.js";
import { createPartnerKeys } from "./partner-keys.js";
import { createMemoryRateLimiter, createRedisRateLimiter } from "./rate-limiter.js";
import { createCallbackSender } from "./send-partner-callbacks.js";

export interface ExternalApiDeps {
  config: ExternalApiConfig;
  db: Database;
  logger: Logger;
  metrics?: Metrics;
  core?: CoreClient;
  listen?: boolean;
  /** Whether the event follower and the callback sender run on their own (tests step them with once()). */
  background?: boolean;
}

export async function startService(deps: ExternalApiDeps) {
  const { config, db, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("external-api");
  await runMigrations(db.pool, "external-api", externalApiMigrations);
  const token = config.tokens["external-api"];
  const core = deps.core ?? createCoreClient({ baseUrl: config.coreUrl, token });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false }) : undefined;
  const limiter = redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter();
  const keys = createPartnerKeys(db.pool);
  const sender = createCallbackSender({ pool: db.pool, logger, tickMs: config.callbackTickMs });
  const events = createPartnerEventFollower({ pool: db.pool, core, logger, metrics, queued: () => sender.poke() });
  watchQueues(metrics, db.pool, [
    { name: "partner-callbacks", table: "partner_callbacks", waiting: "status = 'pending'", since: "created_at" },
  ]);
  const app = await buildApp({
    pool: db.pool,
    logger,
    auth: config.tokens,
    metrics,
    core,
    keys,
    limiter,
    rate: config.rate,
    quotas: config.quotas,
    calculatorUrl: config.calculatorUrl,
    searchUrl: config.searchUrl,
    token,
    pokeCallbacks: () => sender.poke(),
  });
  if (deps.listen !== false) await app.listen({ port: config.port, host: config.host });
  // Stored answers outlive their 24 hours by an hour at most.
  let purge: NodeJS.Timeout | undefined;
  if (deps.background !== false) {
    events.start();
    sender.start();
    const idempotency = createIdempotencyStore(db.pool);
    purge = setInterval(() => {
      idempotency.purgeExpired().catch((error: unknown) => logger.warn({ err: error }, "idempotency purge failed"));
    }, 3_600_000).unref();
  }
  logger.info({ port: config.port, redis: Boolean(redis) }, "partner API serving");
  return {
    app,
    keys,
    events,
    sender,
    async close() {
      clearInterval(purge);
      await Promise.all([events.stop(), sender.stop()]);
      await app.close();
      if (!deps.core) await core.close();
      await redis?.quit();
    },
  };
}

export type ExternalApiService = Awaited<ReturnType<typeof startService>>;
