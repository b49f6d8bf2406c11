// Core configuration: defaults with nothing set, every problem reported at once.
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("core config", () => {
  it("runs with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, burstWindowMs: 1500, channelUrls: {} });
  });

  it("parses channel URLs", () => {
    expect(
      loadConfig({ CHANNEL_URLS: "telegram=http://127.0.0.1:3003/v1/deliveries, web=http://x/y" }).channelUrls,
    ).toEqual({
      telegram: "http://127.0.0.1:3003/v1/deliveries",
      web: "http://x/y",
    });
  });

  it("reports every problem at once", () => {
    expect(() => loadConfig({ PORT: "-1", DATABASE_URL: "nope", CHANNEL_URLS: "telegram" })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*CHANNEL_URLS/,
    );
  });
});
