// Builds the telegram-bot's fastify app (no listen): the webhook, the deliveries endpoint and health.
import { createHttpApp, type HttpApp, type Logger } from "@wewall/shared";
import type { InboxStore, StoredUpdate } from "./inbox-store.js";
import type { OutboxStore, StoredDelivery } from "./outbox-store.js";
import { deliveryRoutes } from "./routes/deliveries.js";
import { healthRoutes } from "./routes/health.js";
import { telegramWebhookRoutes } from "./routes/telegram-webhook.js";

export interface AppDeps {
  logger: Logger;
  inbox: InboxStore;
  outbox: OutboxStore;
  // Absent in long-polling mode: no webhook route is served then.
  webhookSecret?: string | undefined;
  onUpdate(stored: StoredUpdate): void;
  onDelivery(delivery: StoredDelivery): void;
  ready(): boolean;
  queues(): { updates: number; deliveries: number };
}

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({ title: "WeWall telegram-bot", logger: deps.logger });
  // A request in flight when closing begins would leave its keep-alive connection open afterwards, and close()
  // would wait for the client (the core) to hang up; telling it to hang up lets a shutdown finish at once.
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onSend", async (_request, reply) => {
    if (closing) void reply.header("connection", "close");
  });
  await app.register(healthRoutes, { ready: deps.ready, queues: deps.queues });
  await app.register(deliveryRoutes, { outbox: deps.outbox, onStored: deps.onDelivery });
  if (deps.webhookSecret) {
    await app.register(telegramWebhookRoutes, {
      secret: deps.webhookSecret,
      inbox: deps.inbox,
      onStored: deps.onUpdate,
    });
  }
  return app;
}
