// Composes the telegram-bot: migrations, stores, workers, the bot in webhook or polling mode, and the HTTP app.
import type { UserFromGetMe } from "grammy/types";
import {
  BoundedMap,
  createCoreClient,
  createMetrics,
  watchQueues,
  runMigrations,
  type Database,
  type HttpApp,
  type IncomingMessage,
  type Logger,
  type Metrics,
} from "@wewall/shared";
import { buildApp } from "./app.js";
import { createBlockedChats } from "./blocked-chats.js";
import { createBot } from "./bot/create-bot.js";
import { createLightFetch } from "./bot/light-fetch.js";
import { dialogIdOf } from "./bot/convert-update.js";
import type { TelegramBotConfig } from "./config.js";
import { createDeliveryWorker } from "./delivery-worker.js";
import { createErasureFollower } from "./follow-erasures.js";
import { createInboxStore, type StoredUpdate } from "./inbox-store.js";
import { migrations } from "./migrations.js";
import { describeError } from "./describe-error.js";
import { LEASE_MS } from "./held-leases.js";
import { createOutboxStore, type NewDelivery } from "./outbox-store.js";
import { ALLOWED_UPDATES, startPolling, type Polling } from "./polling.js";
import { createRateLimiter } from "./rate-limiter.js";
import { startRetention } from "./retention.js";
import { createStatusReporter } from "./status-reporter.js";
import { createUpdateWorker } from "./update-worker.js";

export interface ServiceDeps {
  config: TelegramBotConfig;
  db: Database;
  logger: Logger;
  metrics?: Metrics;
  // Skips getMe at start (tests and benches that know the bot already).
  botInfo?: UserFromGetMe;
}

export interface TelegramService {
  app: HttpApp;
  close(): Promise<void>;
  // Resolves when nothing is queued in memory (tests use it to wait for quiet).
  idle(): Promise<void>;
}

export async function startService(deps: ServiceDeps): Promise<TelegramService> {
  const { config, db, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("telegram-bot");
  watchQueues(metrics, db.pool, TELEGRAM_QUEUES);
  await runMigrations(db.pool, "telegram-bot", migrations);
  const inbox = createInboxStore(db.pool);
  const outbox = createOutboxStore(db.pool);
  const blocked = createBlockedChats(db.pool);
  await blocked.load();
  const core = createCoreClient({ baseUrl: config.coreUrl, token: config.tokens["telegram-bot"] });
  const reporter = createStatusReporter({ core, outbox, blocked, logger });

  const telegramFetch = createLightFetch();
  const bot = createBot(
    config.botToken,
    {
      forward: (chatId, message) => forward(chatId, message),
      notice: (chatId, key, text) =>
        queueLocal({ deliveryId: `tg-local:${key}`, dialogId: dialogIdOf(chatId), chatId, reply: { text } }),
      clearKeyboard: (chatId, updateId, messageId) =>
        queueLocal({
          deliveryId: `tg-local:${updateId}:keyboard`,
          dialogId: dialogIdOf(chatId),
          chatId,
          clearKeyboardOf: messageId,
        }),
      answerCallback: (queryId) => answerCallback(queryId),
      async membership(chatId, isBlocked) {
        if (!isBlocked) return blocked.unblock(chatId);
        if (await blocked.block(chatId, dialogIdOf(chatId))) reporter.reportBlocked(chatId, dialogIdOf(chatId));
      },
    },
    {
      apiRoot: config.apiRoot,
      fetch: telegramFetch,
      timeoutSeconds: config.timeoutSeconds,
      ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    },
  );
  try {
    await bot.init();
  } catch (error) {
    await telegramFetch.close();
    await core.close();
    throw new Error("Telegram refused getMe: is TELEGRAM_BOT_TOKEN right and TELEGRAM_API_ROOT reachable?", {
      cause: error,
    });
  }

  const sendFailures = metrics.counter({
    name: "wewall_telegram_send_failures_total",
    help: "Failed sends by kind: flood (429, waited), transient (retried), blocked and rejected (given up)",
    labelNames: ["kind"],
  });
  const floodWaits = metrics.histogram({
    name: "wewall_telegram_flood_wait_seconds",
    help: "Waits Telegram asked for with 429 (retry_after)",
    buckets: [1, 2, 5, 10, 30, 60, 300],
  });
  const deliveries = createDeliveryWorker({
    observeFailure(failure) {
      sendFailures.inc({ kind: failure.kind });
      if (failure.kind === "flood") floodWaits.observe(failure.waitMs / 1000);
    },
    api: bot.api,
    outbox,
    blocked,
    reporter,
    logger,
    // No burst overall: a full burst after a quiet spell, then the steady rate, would send twice the limit in a second.
    globalLimit: createRateLimiter({ perSecond: config.rates.globalPerSecond }),
    chatLimit: createRateLimiter({ perSecond: config.rates.chatPerSecond, burst: 3 }),
    typingLimit: createRateLimiter({ perSecond: config.rates.globalPerSecond / 3, burst: 3 }),
  });
  const updates = createUpdateWorker({ bot, inbox, logger });
  const erasures = createErasureFollower({
    pool: db.pool,
    metrics,
    core,
    logger,
    onErased(erased) {
      updates.drop(erased.chatId, erased.updateIds);
      deliveries.drop(erased.chatId, erased.deliveryIds);
      if (erased.unblocked) blocked.forget(erased.chatId);
    },
  });

  // A press waiting behind the chat's earlier updates must not leave the client's spinner turning.
  const answered = new BoundedMap<string, true>(10_000);
  async function answerCallback(queryId: string): Promise<void> {
    if (answered.has(queryId)) return;
    answered.set(queryId, true);
    // An expired query cannot be answered; the press still counts.
    await bot.api.answerCallbackQuery(queryId).catch(() => undefined);
  }

  function onStored(stored: StoredUpdate): void {
    updates.enqueue(stored);
    const query = stored.update.callback_query;
    if (query) void answerCallback(query.id);
  }

  // What the bot sends of its own accord goes through the outbox like the core's replies, but is not reported.
  async function queueLocal(delivery: NewDelivery): Promise<void> {
    const stored = await outbox.record({ ...delivery, local: true });
    if (stored) deliveries.enqueue(stored);
  }

  async function forward(chatId: string, message: IncomingMessage): Promise<void> {
    // A client who writes has unblocked the bot, whatever we recorded before.
    await blocked.unblock(chatId);
    const { duplicate } = await core.postMessage(dialogIdOf(chatId), message);
    if (!duplicate) deliveries.typing(chatId);
  }

  let ready = false;
  const app = await buildApp({
    logger,
    inbox,
    outbox,
    webhookSecret: config.webhook?.secret,
    auth: config.tokens,
    metrics,
    onUpdate: onStored,
    onDelivery: (delivery) => deliveries.enqueue(delivery),
    ready: () => ready,
    queues: () => ({ updates: updates.queued, deliveries: deliveries.queued }),
  });

  let polling: Polling | undefined;
  let stopRetention: () => void = () => undefined;
  // The stored rows this process works keep their leases; rows a stopped or crashed process left are taken over
  // once their leases end (see held-leases.ts).
  let keeping: Promise<void> = Promise.resolve();
  const keepLeases = () => {
    keeping = (async () => {
      await inbox.renewLeases();
      await outbox.renewLeases();
      await deliveries.resume();
      await updates.resume();
    })().catch((error: unknown) => logger.error({ error: describeError(error) }, "keeping the queue leases failed"));
  };
  let leaseKeeper: NodeJS.Timeout | undefined = undefined;
  async function close(): Promise<void> {
    ready = false;
    stopRetention();
    clearInterval(leaseKeeper);
    await keeping;
    await erasures.stop();
    await polling?.stop();
    await app.close();
    // In-flight requests finish; everything not finished stays stored for the next start.
    await updates.stop();
    await inbox.flush();
    await deliveries.stop();
    // What is left pending goes back at once, for the next start.
    await inbox.releaseLeases().catch(() => undefined);
    await outbox.releaseLeases().catch(() => undefined);
    await reporter.stop();
    await core.close();
    await telegramFetch.close();
  }

  try {
    // What a previous process stored but did not finish comes first, in its original order.
    await deliveries.resume();
    await updates.resume();
    await reporter.resume();
    await app.listen({ port: config.port, host: config.host });
    if (config.webhook) {
      await bot.api.setWebhook(config.webhook.url, {
        secret_token: config.webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    } else {
      // The long poll must end before the client gives up on it.
      const pollSeconds = Math.max(0, Math.min(25, config.timeoutSeconds - 5));
      polling = await startPolling({ api: bot.api, inbox, logger, onStored, timeoutSeconds: pollSeconds });
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  stopRetention = startRetention(db.pool, logger);
  leaseKeeper = setInterval(keepLeases, LEASE_MS / 3);
  erasures.start();
  ready = true;
  logger.info(
    { mode: config.webhook ? "webhook" : "polling", port: config.port, bot: bot.botInfo.username },
    "telegram-bot started",
  );

  return {
    app,
    close,
    idle: async () => {
      await updates.idle();
      await inbox.flush();
      await deliveries.idle();
    },
  };
}

const TELEGRAM_QUEUES = [
  { name: "updates", table: "tg_updates", waiting: "status = 'pending'", since: "created_at" },
  { name: "deliveries", table: "tg_deliveries", waiting: "status = 'pending'", since: "created_at" },
];
