// Composition: migrations, clients, outbox worker, event mirror, webhook processor and the HTTP app, listening.
import {
  createCoreClient,
  createMetrics,
  watchQueues,
  runMigrations,
  type BackoffOptions,
  type Database,
  type HttpApp,
  type Logger,
  type Metrics,
} from "@wewall/shared";
import { createModelFromSettings } from "@wewall/shared/llm";
import { createAmoCrmClient } from "./amocrm/create-amocrm-client.js";
import { createTokenProvider } from "./amocrm/create-token-provider.js";
import { createAmojoClient } from "./amojo/create-amojo-client.js";
import { createChannelConnection } from "./amojo/create-channel-connection.js";
import { createApp } from "./app.js";
import type { Config } from "./config.js";
import { migrations } from "./migrations.js";
import { createEventMirror } from "./mirror/create-event-mirror.js";
import { call, CHANNEL_KEY } from "./outbox/call-payloads.js";
import { createCallHandlers } from "./outbox/create-call-handlers.js";
import { createOutboxWorker } from "./outbox/create-outbox-worker.js";
import { createOutbox } from "./outbox/create-outbox.js";
import { createRateLimiter } from "./outbox/rate-limiter.js";
import { createDialogStore } from "./store/create-dialog-store.js";
import { createInbox } from "./store/create-inbox.js";
import { createStateStore } from "./store/create-state-store.js";
import { createSummaryWriter } from "./summary/create-summary-writer.js";
import { createWebhookProcessor } from "./webhooks/create-webhook-processor.js";

export interface ServiceDeps {
  config: Config;
  db: Database;
  logger: Logger;
  metrics?: Metrics;
  // Tests shorten waits; production keeps the defaults.
  tuning?: { backoff?: BackoffOptions; eventWaitMs?: number; listen?: boolean };
}

export interface RunningService {
  app: HttpApp;
  close(): Promise<void>;
}

export async function startService(deps: ServiceDeps): Promise<RunningService> {
  const { config, db, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("chat-connector");
  watchQueues(metrics, db.pool, AMOCRM_QUEUES);
  const pool = db.pool;
  await runMigrations(pool, "chat-connector", migrations);

  const state = createStateStore(pool);
  const dialogs = createDialogStore(pool);
  const inbox = createInbox(pool, { durableAck: config.webhookDurableAck });
  const outbox = createOutbox(pool);
  // One pace for both APIs of the account: amoCRM counts the account, not the endpoint.
  const limiter = createRateLimiter(pool, config.amocrmBaseUrl, config.rateLimitPerSecond);
  const beforeRequest = () => limiter.acquire();
  const amoCalls = metrics.counter({
    name: "wewall_amocrm_calls_total",
    help: "Calls to amoCRM's APIs by API and result (HTTP status, or network)",
    labelNames: ["api", "result"],
  });
  const tokens = createTokenProvider({ pool, auth: config.auth, baseUrl: config.amocrmBaseUrl, logger, beforeRequest });
  await tokens.init();
  const amocrm = createAmoCrmClient({
    baseUrl: config.amocrmBaseUrl,
    tokens,
    beforeRequest,
    afterRequest: (result) => amoCalls.inc({ api: "amocrm", result }),
  });
  const amojo = createAmojoClient({
    baseUrl: config.amojoBaseUrl,
    channelId: config.channelId,
    secret: config.channelSecret,
    beforeRequest,
    afterRequest: (result) => amoCalls.inc({ api: "amojo", result }),
  });

  let scopeId = await state.get("scope_id");
  const channel = createChannelConnection({ config, state, amojo, amocrm, logger, onScope: (id) => (scopeId = id) });
  const core = createCoreClient({ baseUrl: config.coreUrl, token: config.tokens["chat-connector"] });
  const summaries = createSummaryWriter({
    model: config.llm ? createModelFromSettings(config.llm) : null,
    transcript: (dialogId) => core.transcript(dialogId),
    logger,
  });
  const handlers = createCallHandlers({ pool, config, dialogs, channel, outbox, summaries, amojo, amocrm, logger });
  const worker = createOutboxWorker({
    outbox,
    handlers,
    logger,
    ...(deps.tuning?.backoff ? { backoff: deps.tuning.backoff } : {}),
  });
  if (!scopeId) {
    const { rowCount } = await pool.query("SELECT 1 FROM amo_outbox WHERE chat_key = $1 AND status = 'pending'", [
      CHANNEL_KEY,
    ]);
    if (!rowCount) await outbox.enqueue(pool, [call("connect", {})]);
  }

  const mirror = createEventMirror({
    pool,
    metrics,
    core,
    outbox,
    dialogs,
    state,
    config,
    logger,
    onEnqueued: worker.wake,
    ...(deps.tuning?.eventWaitMs === undefined ? {} : { waitMs: deps.tuning.eventWaitMs }),
  });
  const processor = createWebhookProcessor({
    inbox,
    core,
    dialogs,
    botId: config.botId,
    logger,
    ...(deps.tuning?.backoff ? { backoff: deps.tuning.backoff } : {}),
  });

  const app = await createApp({
    logger,
    auth: config.tokens,
    metrics,
    chat: {
      channelSecret: config.channelSecret,
      currentScope: () => scopeId,
      // Another process may have connected the channel again (after a reinstall) under a new scope id.
      reloadScope: async () => (scopeId = await state.get("scope_id")),
      inbox,
      onStored: processor.wake,
    },
    account: {
      closingStatuses: config.closingStatuses,
      webhookSecret: config.webhookSecret,
      inbox,
      onStored: processor.wake,
    },
    readiness: async () => ({
      ready: true,
      details: {
        scope: Boolean(scopeId),
        outboxPending: await outbox.pendingCount(),
        ...worker.stats(),
        ...mirror.stats(),
      },
    }),
  });

  worker.start();
  mirror.start();
  processor.start();
  const prune = () =>
    void Promise.all([outbox.prune(24, 24 * 7), inbox.prune(24 * 7)]).catch((error: unknown) =>
      logger.warn({ err: error }, "pruning old outbox and inbox rows failed"),
    );
  const pruneTimer = setInterval(prune, 10 * 60_000);
  pruneTimer.unref();
  if (deps.tuning?.listen !== false) await app.listen({ port: config.port, host: config.host });
  logger.info({ port: config.port, scope: Boolean(scopeId), llm: Boolean(config.llm) }, "chat-connector started");

  return {
    app,
    async close() {
      clearInterval(pruneTimer);
      await app.close();
      await mirror.stop();
      await processor.stop();
      await worker.stop();
      await core.close();
    },
  };
}

const AMOCRM_QUEUES = [
  { name: "inbox", table: "amo_inbox", waiting: "status = 'pending'", since: "created_at" },
  { name: "outbox", table: "amo_outbox", waiting: "status = 'pending'", since: "created_at" },
];
