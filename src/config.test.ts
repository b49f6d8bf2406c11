// Core configuration: defaults with nothing set, every problem reported at once.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@wewall/shared";
import { loadConfig } from "./config.js";

const TOKEN = "core-token-000000000000";

/** stack.env.example as an env file loader reads it: KEY=value, the comment after the value dropped. */
function exampleEnv(): NodeJS.ProcessEnv {
  const text = readFileSync(new URL("../stack.env.example", import.meta.url), "utf8");
  const env: NodeJS.ProcessEnv = {};
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)=(\S*)/.exec(line);
    if (match?.[1]) env[match[1]] = match[2] ?? "";
  }
  return env;
}

describe("core config", () => {
  it("runs with nothing set but its own token, and names the token when it is missing", () => {
    expect(() => loadConfig({})).toThrow(/CORE_SERVICE_TOKEN is not set/);
    const config = loadConfig({ CORE_SERVICE_TOKEN: TOKEN });
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, burstWindowMs: 1500, channelUrls: {} });
  });

  it("takes stack.env.example copied verbatim, its empty variables meaning unset", () => {
    const env = exampleEnv();
    expect(env.DATABASE_URL).toBe("");
    expect(loadConfig({ ...env, CORE_SERVICE_TOKEN: TOKEN })).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
      llm: null,
    });
  });

  it("parses channel URLs", () => {
    expect(
      loadConfig({
        CORE_SERVICE_TOKEN: TOKEN,
        CHANNEL_URLS: "telegram=http://127.0.0.1:3003/v1/deliveries, web=http://x/y",
      }).channelUrls,
    ).toEqual({
      telegram: "http://127.0.0.1:3003/v1/deliveries",
      web: "http://x/y",
    });
  });

  it("reports every problem at once", () => {
    const load = () => loadConfig({ PORT: "-1", DATABASE_URL: "nope", CHANNEL_URLS: "telegram" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/- PORT/);
    expect(load).toThrow(/- DATABASE_URL/);
    expect(load).toThrow(/- CHANNEL_URLS/);
  });
});
