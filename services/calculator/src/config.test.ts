// Configuration from the environment: defaults, overrides, and every problem reported at once.
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

describe("calculator loadConfig", () => {
  it("defaults to port 3001 on loopback with the embedded database", () => {
    expect(loadConfig({})).toEqual({
      port: 3001,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: "./data",
      sharedDataDir: "../shared/data",
      logLevel: "info",
    });
  });

  it("takes overrides and treats an empty DATABASE_URL as unset", () => {
    const config = loadConfig({ CALCULATOR_PORT: "4001", HOST: "0.0.0.0", DATABASE_URL: "", SHARED_DATA_DIR: "/data" });
    expect(config).toMatchObject({ port: 4001, host: "0.0.0.0", databaseUrl: undefined, sharedDataDir: "/data" });
  });

  it("reports every invalid variable in one error", () => {
    expect(() => loadConfig({ CALCULATOR_PORT: "eighty", DATABASE_URL: "not a url", LOG_LEVEL: "loud" })).toThrow(
      /CALCULATOR_PORT.*DATABASE_URL.*LOG_LEVEL/,
    );
  });
});
