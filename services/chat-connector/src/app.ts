// Builds the chat-connector's fastify app (no listen): amoCRM's webhooks, and the platform's probes and metrics.
import {
  createHttpApp,
  type HttpApp,
  type Logger,
  type Metrics,
  type Readiness,
  type ServiceTokens,
} from "@wewall/shared";
import { accountWebhooks, type AccountWebhookDeps } from "./routes/account-webhooks.js";
import { chatWebhooks, type ChatWebhookDeps } from "./routes/chat-webhooks.js";

export interface AppDeps {
  logger: Logger;
  auth: ServiceTokens;
  metrics: Metrics;
  chat: ChatWebhookDeps;
  account: AccountWebhookDeps;
  readiness: () => Promise<Readiness>;
}

export async function createApp(deps: AppDeps): Promise<HttpApp> {
  const app = await createHttpApp({
    title: "WeWall chat-connector (amoCRM)",
    logger: deps.logger,
    auth: deps.auth,
    metrics: deps.metrics,
    readiness: deps.readiness,
  });
  await app.register(chatWebhooks(deps.chat));
  await app.register(accountWebhooks(deps.account));
  return app;
}
