// The partner API's config: stack.env.example as it is, and every problem reported at once.
import { readFileSync } from "node:fs";
import { ConfigError } from "@wewall/shared";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

function exampleEnv(): Record<string, string> {
  const text = readFileSync(new URL("../../../stack.env.example", import.meta.url), "utf8");
  const env: Record<string, string> = {};
  for (const match of text.matchAll(/^([A-Z0-9_]+)=(\S*)/gm)) if (match[1]) env[match[1]] = match[2] ?? "";
  return env;
}

describe("external-api config", () => {
  it("takes stack.env.example with its token set, empty variables meaning unset", () => {
    const config = loadConfig({ ...exampleEnv(), EXTERNAL_API_SERVICE_TOKEN: "external-api-token-0000000" });
    expect(config).toMatchObject({ port: 3006, redisUrl: undefined, rate: { rate: 10, burst: 20 } });
    expect(config.quotas).toEqual({ valuations: 1000, messages: 20_000 });
  });

  it("reports every problem at once", () => {
    const load = () => loadConfig({ EXTERNAL_API_PORT: "-1", PARTNER_BURST: "0" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/EXTERNAL_API_PORT/);
    expect(load).toThrow(/PARTNER_BURST/);
    expect(load).toThrow(/EXTERNAL_API_SERVICE_TOKEN/);
  });
});
