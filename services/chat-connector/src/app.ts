// Builds the chat-connector's fastify app (no listen): amoCRM webhooks and a health check.
import { createHttpApp, type HttpApp, type Logger } from "@wewall/shared";
import { z } from "zod";
import { accountWebhooks, type AccountWebhookDeps } from "./routes/account-webhooks.js";
import { chatWebhooks, type ChatWebhookDeps } from "./routes/chat-webhooks.js";

export interface AppDeps {
  logger: Logger;
  chat: ChatWebhookDeps;
  account: AccountWebhookDeps;
  health: () => Promise<Record<string, unknown>>;
}

export async function createApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({ title: "WeWall chat-connector (amoCRM)", logger: deps.logger });
  app.get("/health", { schema: { response: { 200: z.record(z.string(), z.unknown()) } } }, async () => deps.health());
  await app.register(chatWebhooks(deps.chat));
  await app.register(accountWebhooks(deps.account));
  return app;
}
