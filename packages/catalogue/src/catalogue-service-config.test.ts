// Configuration of the catalogue services from the environment: defaults, overrides, every problem at once.
import { describe, expect, it } from "vitest";
import { loadCatalogueServiceConfig } from "./catalogue-service-config.js";

const calculator = { service: "calculator", portVariable: "CALCULATOR_PORT", defaultPort: 3001 };
const search = { service: "analog-search", portVariable: "SEARCH_PORT", defaultPort: 3002 };

describe("loadCatalogueServiceConfig", () => {
  it("defaults to the service's port on loopback with the embedded database", () => {
    expect(loadCatalogueServiceConfig({}, calculator)).toEqual({
      port: 3001,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir: "./data",
      sharedDataDir: "../shared/data",
      logLevel: "info",
      shutdownTimeoutMs: 10_000,
      databaseTimeouts: { connectMs: 3_000, statementMs: 10_000 },
      tokens: {},
    });
    expect(loadCatalogueServiceConfig({}, search).port).toBe(3002);
  });

  it("takes overrides and treats an empty DATABASE_URL as unset", () => {
    const env = {
      CALCULATOR_PORT: "4001",
      SEARCH_PORT: "4002",
      HOST: "0.0.0.0",
      DATABASE_URL: "",
      SHARED_DATA_DIR: "/data",
    };
    expect(loadCatalogueServiceConfig(env, calculator)).toMatchObject({
      port: 4001,
      host: "0.0.0.0",
      databaseUrl: undefined,
      sharedDataDir: "/data",
    });
    expect(loadCatalogueServiceConfig(env, search).port).toBe(4002);
  });

  it("reports every invalid variable in one error, under the service's own names", () => {
    expect(() =>
      loadCatalogueServiceConfig({ SEARCH_PORT: "eighty", DATABASE_URL: "not a url", LOG_LEVEL: "loud" }, search),
    ).toThrow(/invalid analog-search configuration:\s+- SEARCH_PORT.*\s+- .*LOG_LEVEL.*\s+- DATABASE_URL/);
  });
});
