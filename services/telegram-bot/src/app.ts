// Builds the telegram-bot's HTTP app (no listen): the webhook, the deliveries endpoint and health.
import { createServer } from "node:http";
import { createHttpApp, type HttpApp, type Logger, type Metrics, type ServiceTokens } from "@wewall/shared";
import type { InboxStore, StoredUpdate } from "./inbox-store.js";
import type { OutboxStore, StoredDelivery } from "./outbox-store.js";
import { deliveryRoutes } from "./routes/deliveries.js";
import { createTelegramWebhook, WEBHOOK_PATH } from "./routes/telegram-webhook.js";

export interface AppDeps {
  logger: Logger;
  inbox: InboxStore;
  outbox: OutboxStore;
  // Absent in long-polling mode: no webhook route is served then.
  webhookSecret?: string | undefined;
  auth: ServiceTokens;
  metrics: Metrics;
  onUpdate(stored: StoredUpdate): void;
  onDelivery(delivery: StoredDelivery): void;
  ready(): boolean;
  queues(): { updates: number; deliveries: number };
}

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  // A request in flight when closing begins would leave its keep-alive connection open afterwards, and close()
  // would wait for the client (the core) to hang up; telling it to hang up lets a shutdown finish at once.
  let closing = false;
  const webhook = deps.webhookSecret
    ? createTelegramWebhook({
        secret: deps.webhookSecret,
        inbox: deps.inbox,
        logger: deps.logger,
        onStored: deps.onUpdate,
        closing: () => closing,
      })
    : undefined;
  const app = await createHttpApp({
    title: "WeWall telegram-bot",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: () => ({ ready: deps.ready(), details: { queued: deps.queues() } }),
    serverFactory: (handler) =>
      createServer((request, response) => {
        if (webhook && isWebhookPath(request.url)) webhook(request, response);
        else handler(request, response);
      }),
  });
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) void reply.header("connection", "close");
  });
  await app.register(deliveryRoutes, { outbox: deps.outbox, onStored: deps.onDelivery });
  return app;
}

// The path with or without a query string, as fastify's router would match it.
function isWebhookPath(url = ""): boolean {
  return url.startsWith(WEBHOOK_PATH) && (url.length === WEBHOOK_PATH.length || url[WEBHOOK_PATH.length] === "?");
}
