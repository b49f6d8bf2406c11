// The telegram-bot's environment, validated at once so every problem is reported together.
import { z } from "zod";
import { AppError, deliveryTokenSchema } from "@wewall/shared";

// An empty variable (`X=`) means "unset", as operators expect from .env files.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]+$/, "must look like <bot id>:<secret> from @BotFather")),
  TELEGRAM_WEBHOOK_URL: optional(z.url({ protocol: /^https?$/ })),
  TELEGRAM_WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z, a-z, 0-9, _ and -"),
  ),
  DELIVERY_TOKEN: optional(deliveryTokenSchema),
  TELEGRAM_API_ROOT: optional(z.url()).default("https://api.telegram.org"),
  TELEGRAM_PORT: optional(z.coerce.number().int().min(0).max(65_535)).default(3003),
  TELEGRAM_RATE_GLOBAL: optional(z.coerce.number().positive().max(10_000)).default(30),
  TELEGRAM_RATE_CHAT: optional(z.coerce.number().positive().max(100)).default(1),
  TELEGRAM_TIMEOUT_SECONDS: optional(z.coerce.number().int().min(1).max(300)).default(60),
  HOST: optional(z.string().min(1)).default("127.0.0.1"),
  CORE_URL: optional(z.url()).default("http://127.0.0.1:3000"),
  DATABASE_URL: optional(z.string().min(1)),
  DATA_DIR: optional(z.string().min(1)).default("./data"),
  LOG_LEVEL: optional(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])).default("info"),
});

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

// Checked on the raw values so they are reported even when other variables fail to parse.
function missingVariables(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (!env.TELEGRAM_BOT_TOKEN) {
    problems.push("TELEGRAM_BOT_TOKEN is not set: the bot cannot talk to Telegram without the token @BotFather gave");
  }
  if (!env.DELIVERY_TOKEN && !LOOPBACK.has(env.HOST ?? "127.0.0.1")) {
    problems.push(
      `DELIVERY_TOKEN is required with HOST=${env.HOST}: off loopback anyone reaching the port could make the bot write to any chat`,
    );
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push(
      "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL: every webhook request is checked against it",
    );
  }
  return problems;
}

export interface TelegramBotConfig {
  botToken: string;
  // Absent → long polling.
  webhook?: { url: string; secret: string } | undefined;
  apiRoot: string;
  // Required of the core's delivery pushes when set (and it must be set when the service listens off loopback).
  deliveryToken?: string | undefined;
  port: number;
  host: string;
  coreUrl: string;
  databaseUrl?: string | undefined;
  dataDir: string;
  logLevel: string;
  rates: { globalPerSecond: number; chatPerSecond: number };
  // A Bot API call without an answer by then is given up and retried (its outcome is unknown).
  timeoutSeconds: number;
}

export function loadConfig(env: Record<string, string | undefined>): TelegramBotConfig {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...missingVariables(env),
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`)),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new AppError("config_invalid", `telegram-bot configuration is invalid:\n- ${problems.join("\n- ")}`);
  }
  const values = parsed.data;
  const token = values.TELEGRAM_BOT_TOKEN ?? "";
  return {
    botToken: token,
    webhook:
      values.TELEGRAM_WEBHOOK_URL && values.TELEGRAM_WEBHOOK_SECRET
        ? { url: values.TELEGRAM_WEBHOOK_URL, secret: values.TELEGRAM_WEBHOOK_SECRET }
        : undefined,
    apiRoot: values.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    deliveryToken: values.DELIVERY_TOKEN,
    port: values.TELEGRAM_PORT,
    host: values.HOST,
    coreUrl: values.CORE_URL.replace(/\/+$/, ""),
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    rates: { globalPerSecond: values.TELEGRAM_RATE_GLOBAL, chatPerSecond: values.TELEGRAM_RATE_CHAT },
    timeoutSeconds: values.TELEGRAM_TIMEOUT_SECONDS,
  };
}
