// loadConfig: a complete environment parses; a missing one names every problem at once.
import { describe, expect, it } from "vitest";
import { ConfigError } from "@wewall/shared";
import { loadConfig } from "./config.js";

const complete = {
  AMOCRM_SUBDOMAIN: "agency",
  AMOCRM_CHANNEL_ID: "chan",
  AMOCRM_CHANNEL_SECRET: "secret",
  AMOCRM_BOT_ID: "bot-1",
  AMOCRM_LONG_LIVED_TOKEN: "tok",
  AMOCRM_PIPELINE_ID: "77",
  AMOCRM_STAGE_MAP: "greeting=1, slots=2,handoff=6",
  CHAT_CONNECTOR_SERVICE_TOKEN: "connector-token-0000000000",
};

describe("loadConfig", () => {
  it("derives the API base from the subdomain and parses maps and defaults", () => {
    const config = loadConfig(complete);
    expect(config.amocrmBaseUrl).toBe("https://agency.amocrm.ru");
    expect(config.amojoBaseUrl).toBe("https://amojo.amocrm.ru");
    expect(config.stageMap).toEqual({ greeting: 1, slots: 2, handoff: 6 });
    expect(config.closingStatuses).toEqual([142, 143]);
    expect(config.port).toBe(3004);
    expect(config.coreUrl).toBe("http://127.0.0.1:3000");
    expect(config.auth).toEqual({ kind: "long-lived", token: "tok" });
    expect(config.webhookDurableAck).toBe(true);
    expect(loadConfig({ ...complete, AMOCRM_WEBHOOK_DURABLE_ACK: "off" }).webhookDurableAck).toBe(false);
  });

  it("reads the model from the core's LLM_* variables, and runs without one when they are unset", () => {
    expect(loadConfig(complete).llm).toBeNull();
    expect(
      loadConfig({ ...complete, LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "qwen", LLM_TIMEOUT_MS: "5000" })
        .llm,
    ).toEqual({
      baseUrl: "http://127.0.0.1:11434/v1",
      apiKey: "none",
      model: "qwen",
      timeoutMs: 5000,
      maxRetries: 2,
      breakerFailures: 5,
      breakerCooldownMs: 30_000,
    });
  });

  it("accepts OAuth settings instead of a long-lived token", () => {
    const { AMOCRM_LONG_LIVED_TOKEN: _omit, ...rest } = complete;
    const config = loadConfig({
      ...rest,
      AMOCRM_CLIENT_ID: "id",
      AMOCRM_CLIENT_SECRET: "cs",
      AMOCRM_REDIRECT_URI: "https://example.com/cb",
      AMOCRM_AUTH_CODE: "code",
    });
    expect(config.auth).toMatchObject({ kind: "oauth", clientId: "id", authCode: "code" });
  });

  it("refuses to start and names every missing amoCRM setting", () => {
    try {
      loadConfig({ AMOCRM_STAGE_MAP: "greeting=x" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = error instanceof ConfigError ? error.problems.join("\n") : "";
      for (const name of [
        "AMOCRM_CHANNEL_ID",
        "AMOCRM_CHANNEL_SECRET",
        "AMOCRM_BOT_ID",
        "AMOCRM_PIPELINE_ID",
        "AMOCRM_SUBDOMAIN or AMOCRM_BASE_URL",
        "AMOCRM_CLIENT_ID",
        "AMOCRM_REDIRECT_URI",
        'AMOCRM_STAGE_MAP: "greeting=x"',
        "CHAT_CONNECTOR_SERVICE_TOKEN",
      ])
        expect(text).toContain(name);
    }
  });

  it("requires the account-webhook secret when it listens off loopback", () => {
    expect(() => loadConfig({ ...complete, HOST: "0.0.0.0" })).toThrow(/AMOCRM_WEBHOOK_SECRET is required/);
    expect(loadConfig({ ...complete, HOST: "0.0.0.0", AMOCRM_WEBHOOK_SECRET: "s".repeat(20) }).host).toBe("0.0.0.0");
  });
});
