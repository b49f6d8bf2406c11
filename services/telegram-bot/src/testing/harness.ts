// Starts the real telegram-bot service against a fake Telegram and a core, for integration tests and the bench.
import { portOf, TEST_SERVICE_ENV, postJson } from "@wewall/test-support";
import { createLogger, type Database } from "@wewall/shared";
import type { Update } from "grammy/types";
import { loadConfig } from "../config.js";
import { startService, type TelegramService } from "../service.js";
import { FAKE_BOT_INFO } from "./fake-telegram.js";

export const TEST_TOKEN = "4242:fake-token";
export const TEST_SECRET = "test-secret-0123456789";

export interface Harness {
  service: TelegramService;
  url: string;
  close(): Promise<void>;
}

export async function startHarness(options: {
  db: Database;
  apiRoot: string;
  coreUrl: string;
  webhook?: boolean;
  env?: Record<string, string>;
}): Promise<Harness> {
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: options.apiRoot,
    CORE_URL: options.coreUrl,
    TELEGRAM_PORT: "0",
    TELEGRAM_RATE_GLOBAL: "1000",
    TELEGRAM_RATE_CHAT: "50",
    ...TEST_SERVICE_ENV,
    ...(options.webhook === false
      ? {}
      : { TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/webhook", TELEGRAM_WEBHOOK_SECRET: TEST_SECRET }),
    ...options.env,
  });
  const logger = createLogger("telegram-bot-test", process.env.TEST_LOG_LEVEL ?? "silent");
  const service = await startService({ config, db: options.db, logger, botInfo: FAKE_BOT_INFO });
  const url = `http://127.0.0.1:${portOf(service.app.server.address())}`;
  return { service, url, close: () => service.close() };
}

export async function postUpdate(url: string, update: Update, secret = TEST_SECRET): Promise<number> {
  const answer = await postJson(`${url}/telegram/webhook`, update, { "x-telegram-bot-api-secret-token": secret });
  return answer.status;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
