// The production environment of every service in the smoke run: the variables stack.env and compose would give.
import { randomBytes } from "node:crypto";

export interface SmokePorts {
  calculator: number;
  search: number;
  cores: [number, number];
  telegram: number;
  chatConnector: number;
  scheduler: number;
  externalApi: number;
}

export interface SmokeEnvInput {
  root: string;
  dataDir: string;
  databaseUrl: string;
  redisUrl: string;
  sharedDataDir: string;
  ports: SmokePorts;
  coreUrl: string;
  telegramApiRoot: string;
  amo: { url: string; channelId: string; channelSecret: string; longLivedToken: string };
}

const token = () => randomBytes(24).toString("hex");

/** Fresh tokens and secrets for one run. */
export const makeSecrets = () => ({
  ADMIN_TOKEN: token(),
  CORE_SERVICE_TOKEN: token(),
  TELEGRAM_SERVICE_TOKEN: token(),
  CHAT_CONNECTOR_SERVICE_TOKEN: token(),
  SCHEDULER_SERVICE_TOKEN: token(),
  EXTERNAL_API_SERVICE_TOKEN: token(),
  TELEGRAM_WEBHOOK_SECRET: token(),
  AMOCRM_WEBHOOK_SECRET: token(),
});

export function productionEnv(input: SmokeEnvInput, secrets: ReturnType<typeof makeSecrets>): Record<string, string> {
  const { ports } = input;
  return {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_MS: "10000",
    DATABASE_URL: input.databaseUrl,
    REDIS_URL: input.redisUrl,
    SHARED_DATA_DIR: input.sharedDataDir,
    DATA_DIR: input.dataDir,
    KNOWLEDGE_DIR: `${input.root}/knowledge`,
    ...secrets,
    CALCULATOR_PORT: String(ports.calculator),
    SEARCH_PORT: String(ports.search),
    CALCULATOR_URL: `http://127.0.0.1:${ports.calculator}`,
    SEARCH_URL: `http://127.0.0.1:${ports.search}`,
    CHANNEL_URLS: `telegram=http://127.0.0.1:${ports.telegram}/v1/deliveries`,
    CORE_URL: input.coreUrl,
    TELEGRAM_PORT: String(ports.telegram),
    TELEGRAM_BOT_TOKEN: "700000:smoke-test-bot",
    TELEGRAM_API_ROOT: input.telegramApiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${ports.telegram}/telegram/webhook`,
    CHAT_CONNECTOR_PORT: String(ports.chatConnector),
    AMOCRM_CHANNEL_ID: input.amo.channelId,
    AMOCRM_CHANNEL_SECRET: input.amo.channelSecret,
    AMOCRM_BOT_ID: "smoke-bot",
    AMOCRM_BASE_URL: input.amo.url,
    AMOJO_BASE_URL: input.amo.url,
    AMOCRM_LONG_LIVED_TOKEN: input.amo.longLivedToken,
    AMOCRM_PIPELINE_ID: "77",
    SCHEDULER_PORT: String(ports.scheduler),
    EXTERNAL_API_PORT: String(ports.externalApi),
  };
}
