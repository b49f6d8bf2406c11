// Starts the scheduler on a given database: migrations, the app on its port, the feed planner and the sender.
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
import type { SchedulerConfig } from "./config.js";
import { schedulerMigrations } from "./migrations.js";
import { createRetention } from "./erase-inactive-dialogs.js";
import { createFollowUpPlanner } from "./plan-follow-ups.js";
import { createSchedulerMetrics } from "./scheduler-metrics.js";
import { createFollowUpSender } from "./send-due-follow-ups.js";

export interface SchedulerDeps {
  config: SchedulerConfig;
  db: Database;
  logger: Logger;
  metrics?: Metrics;
  /** The scheduler's clock: tests move it by hours instead of waiting. */
  now?: () => Date;
  /** Replaces the HTTP client of the core (tests count or break calls). */
  core?: CoreClient;
  listen?: boolean;
  /** Whether the feed planner and the sender run on their own (tests step them with once()). */
  background?: boolean;
}

export async function startService(deps: SchedulerDeps) {
  const { config, db, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("scheduler");
  const now = deps.now ?? (() => new Date());
  await runMigrations(db.pool, "scheduler", schedulerMigrations);
  const core = deps.core ?? createCoreClient({ baseUrl: config.coreUrl, token: config.tokens.scheduler });
  const counters = createSchedulerMetrics(metrics);
  const shared = { pool: db.pool, core, logger, counters, hours: config.hours, now };
  const planner = createFollowUpPlanner({ ...shared, metrics, maxFollowUps: config.maxFollowUps });
  const sender = createFollowUpSender({ ...shared, tickMs: config.tickMs, batch: config.batch });
  const retention = createRetention({ pool: db.pool, core, logger, metrics, retentionDays: config.retentionDays, now });
  watchQueues(metrics, db.pool, [
    {
      name: "follow-ups",
      table: "scheduler_follow_ups",
      waiting: "status = 'pending' AND due_at <= now()",
      since: "due_at",
    },
  ]);
  const app = await buildApp({ pool: db.pool, logger, auth: config.tokens, metrics });
  if (deps.listen !== false) await app.listen({ port: config.port, host: config.host });
  if (deps.background !== false) {
    planner.start();
    sender.start();
    retention.start();
  }
  logger.info({ port: config.port }, "scheduler serving");
  return {
    app,
    core,
    planner,
    sender,
    retention,
    async close() {
      await Promise.all([planner.stop(), sender.stop(), retention.stop()]);
      await app.close();
      if (!deps.core) await core.close();
    },
  };
}

export type SchedulerService = Awaited<ReturnType<typeof startService>>;
