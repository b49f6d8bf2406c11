// Configuration: every problem reported at once, a missing token refusing to start, modes chosen by the webhook URL.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const token = "123456:ABC-def_ghi";
const tokens = { TELEGRAM_SERVICE_TOKEN: "t".repeat(24), CORE_SERVICE_TOKEN: "c".repeat(24) };

describe("loadConfig", () => {
  it("refuses to start without TELEGRAM_BOT_TOKEN and says why", () => {
    expect(() => loadConfig({})).toThrow(/TELEGRAM_BOT_TOKEN is not set/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "" })).toThrow(/TELEGRAM_BOT_TOKEN is not set/);
  });

  it("reports every problem together", () => {
    let message = "";
    try {
      loadConfig({ TELEGRAM_WEBHOOK_URL: "https://bot.example.com/hook", TELEGRAM_PORT: "nope", LOG_LEVEL: "loud" });
    } catch (error) {
      message = error instanceof Error ? error.message : "";
    }
    const names = [
      "TELEGRAM_BOT_TOKEN",
      "TELEGRAM_WEBHOOK_SECRET",
      "TELEGRAM_PORT",
      "LOG_LEVEL",
      "TELEGRAM_SERVICE_TOKEN",
    ];
    for (const name of names) {
      expect(message).toContain(name);
    }
  });

  it("uses long polling without a webhook URL, and the documented defaults", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, ...tokens })).toEqual({
      botToken: token,
      webhook: undefined,
      apiRoot: "https://api.telegram.org",
      port: 3003,
      host: "127.0.0.1",
      coreUrl: "http://127.0.0.1:3000",
      databaseUrl: undefined,
      dataDir: "./data",
      logLevel: "info",
      shutdownTimeoutMs: 10_000,
      databaseTimeouts: { connectMs: 3_000, statementMs: 10_000 },
      tokens: { core: tokens.CORE_SERVICE_TOKEN, "telegram-bot": tokens.TELEGRAM_SERVICE_TOKEN },
      rates: { globalPerSecond: 30, chatPerSecond: 1 },
      timeoutSeconds: 60,
    });
  });

  it("uses a webhook with its secret when TELEGRAM_WEBHOOK_URL is set", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: token,
      ...tokens,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9999/",
      CORE_URL: "http://core:3000/",
    });
    expect(config.webhook).toEqual({ url: "https://bot.example.com/telegram/webhook", secret: "s3cret-s3cret-s3cret" });
    expect(config.apiRoot).toBe("http://127.0.0.1:9999");
    expect(config.coreUrl).toBe("http://core:3000");
  });

  it("requires its own token for the core and the core's token for deliveries", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token })).toThrow(/TELEGRAM_SERVICE_TOKEN is not set/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token })).toThrow(/CORE_SERVICE_TOKEN is not set/);
  });

  it("the service entry point exits with the reason when the token is missing", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", new URL("./index.ts", import.meta.url).pathname], {
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("TELEGRAM_BOT_TOKEN is not set");
  });
});
