// The telegram-bot's environment, validated at once so every problem is reported together.
import { loadServiceEnv, portSchema, type Env, type PlatformConfig } from "@wewall/shared";
import { z } from "zod";

const envShape = {
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]+$/, "must look like <bot id>:<secret> from @BotFather")
    .optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z, a-z, 0-9, _ and -")
    .optional(),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  TELEGRAM_PORT: portSchema.default(3003),
  TELEGRAM_RATE_GLOBAL: z.coerce.number().positive().max(10_000).default(30),
  TELEGRAM_RATE_CHAT: z.coerce.number().positive().max(100).default(1),
  TELEGRAM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(60),
  CORE_URL: z.url().default("http://127.0.0.1:3000"),
};

// Checked on the raw values so they are reported even when other variables fail to parse.
function missingVariables(env: Env): string[] {
  const problems: string[] = [];
  if (!env.TELEGRAM_BOT_TOKEN) {
    problems.push("TELEGRAM_BOT_TOKEN is not set: the bot cannot talk to Telegram without the token @BotFather gave");
  }
  if (!env.TELEGRAM_SERVICE_TOKEN) {
    problems.push("TELEGRAM_SERVICE_TOKEN is not set: the core refuses the bot's calls without it");
  }
  if (!env.CORE_SERVICE_TOKEN) {
    problems.push("CORE_SERVICE_TOKEN is not set: the bot accepts the core's replies only with it");
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push(
      "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL: every webhook request is checked against it",
    );
  }
  return problems;
}

export interface TelegramBotConfig extends PlatformConfig {
  botToken: string;
  // Absent → long polling.
  webhook?: { url: string; secret: string } | undefined;
  apiRoot: string;
  port: number;
  coreUrl: string;
  rates: { globalPerSecond: number; chatPerSecond: number };
  // A Bot API call without an answer by then is given up and retried (its outcome is unknown).
  timeoutSeconds: number;
}

export function loadConfig(env: Env): TelegramBotConfig {
  const { platform, values } = loadServiceEnv("telegram-bot", envShape, env, missingVariables);
  const token = values.TELEGRAM_BOT_TOKEN ?? "";
  return {
    ...platform,
    botToken: token,
    webhook:
      values.TELEGRAM_WEBHOOK_URL && values.TELEGRAM_WEBHOOK_SECRET
        ? { url: values.TELEGRAM_WEBHOOK_URL, secret: values.TELEGRAM_WEBHOOK_SECRET }
        : undefined,
    apiRoot: values.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    port: values.TELEGRAM_PORT,
    coreUrl: values.CORE_URL.replace(/\/+$/, ""),
    rates: { globalPerSecond: values.TELEGRAM_RATE_GLOBAL, chatPerSecond: values.TELEGRAM_RATE_CHAT },
    timeoutSeconds: values.TELEGRAM_TIMEOUT_SECONDS,
  };
}
