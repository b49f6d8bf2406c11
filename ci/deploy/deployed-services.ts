// The services a deployment runs, as the image, docker-compose, Kubernetes and the production smoke test start them.
import { loadConfig as loadSearchConfig } from "@wewall/analog-search/config";
import { loadConfig as loadCalculatorConfig } from "@wewall/calculator/config";
import { loadConfig as loadChatConnectorConfig } from "@wewall/chat-connector/config";
import type { Env, PlatformConfig } from "@wewall/shared";
import { loadConfig as loadTelegramConfig } from "@wewall/telegram-bot/config";
import { loadConfig as loadExternalApiConfig } from "../../services/external-api/src/config.js";
import { loadConfig as loadSchedulerConfig } from "../../services/scheduler/src/config.js";
import { loadConfig as loadCoreConfig } from "../../src/config.js";

export interface DeployedService {
  /** The bundle: dist/<entry>.js. */
  entry: string;
  portVariable: string;
  defaultPort: number;
  loadConfig(env: Env): PlatformConfig & { port: number };
}

export const DEPLOYED_SERVICES: Record<string, DeployedService> = {
  core: { entry: "core", portVariable: "PORT", defaultPort: 3000, loadConfig: loadCoreConfig },
  calculator: {
    entry: "calculator",
    portVariable: "CALCULATOR_PORT",
    defaultPort: 3001,
    loadConfig: loadCalculatorConfig,
  },
  "analog-search": {
    entry: "analog-search",
    portVariable: "SEARCH_PORT",
    defaultPort: 3002,
    loadConfig: loadSearchConfig,
  },
  "telegram-bot": {
    entry: "telegram-bot",
    portVariable: "TELEGRAM_PORT",
    defaultPort: 3003,
    loadConfig: loadTelegramConfig,
  },
  "chat-connector": {
    entry: "chat-connector",
    portVariable: "CHAT_CONNECTOR_PORT",
    defaultPort: 3004,
    loadConfig: loadChatConnectorConfig,
  },
  "external-api": {
    entry: "external-api",
    portVariable: "EXTERNAL_API_PORT",
    defaultPort: 3006,
    loadConfig: loadExternalApiConfig,
  },
  scheduler: { entry: "scheduler", portVariable: "SCHEDULER_PORT", defaultPort: 3005, loadConfig: loadSchedulerConfig },
};

/** The command that runs a service from the image (and in the smoke test): the bundle, with source maps. */
export const serviceCommand = (entry: string): string[] => ["node", "--enable-source-maps", `dist/${entry}.js`];

/** Secrets a production deployment must give (placeholders of the right shape, for tests). */
export const SAMPLE_SECRETS: Env = {
  PGPASSWORD: "sample-database-password",
  ADMIN_TOKEN: "sample-admin-token-0000000000",
  CORE_SERVICE_TOKEN: "sample-core-token-00000000000",
  TELEGRAM_SERVICE_TOKEN: "sample-telegram-token-0000000",
  CHAT_CONNECTOR_SERVICE_TOKEN: "sample-connector-token-000000",
  SCHEDULER_SERVICE_TOKEN: "sample-scheduler-token-000000",
  EXTERNAL_API_SERVICE_TOKEN: "sample-partner-api-token-0000",
  TELEGRAM_BOT_TOKEN: "123456:sample",
  TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/webhook",
  TELEGRAM_WEBHOOK_SECRET: "sample-webhook-secret",
  AMOCRM_CHANNEL_ID: "sample-channel",
  AMOCRM_CHANNEL_SECRET: "sample-channel-secret",
  AMOCRM_BOT_ID: "sample-bot",
  AMOCRM_SUBDOMAIN: "example",
  AMOCRM_LONG_LIVED_TOKEN: "sample-long-lived-token",
  AMOCRM_PIPELINE_ID: "1",
  AMOCRM_WEBHOOK_SECRET: "sample-account-webhook-secret",
};

/** Whether a service's configuration reads `key`: a bogus value fails it or changes what it loads. */
export function readsVariable(service: DeployedService, env: Env, key: string): boolean {
  const load = (given: Env) => JSON.stringify(service.loadConfig(given));
  const loaded = load(env);
  try {
    return load({ ...env, [key]: "%bogus value%" }) !== loaded;
  } catch {
    return true;
  }
}

/** KEY=value lines as docker compose's env-file parser reads them: comments and blank lines skipped. */
export function parseEnvFile(text: string): Env {
  const env: Env = {};
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const at = line.indexOf("=");
    if (at <= 0) throw new Error(`not KEY=value: ${line}`);
    env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}
