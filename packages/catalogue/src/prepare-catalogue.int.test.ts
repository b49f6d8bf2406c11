// The first start on an empty server database loads the demo catalogue once, however many services start together.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger, createMetrics } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { loadCatalogueServiceConfig } from "./catalogue-service-config.js";
import { prepareCatalogue } from "./prepare-catalogue.js";

const dataDir = process.env.SHARED_DATA_DIR ?? new URL("../../../../shared/data", import.meta.url).pathname;
const logger = createLogger("test", "silent");
let db: TestDatabase;
let emptyDir: string;

const depsFor = (sharedDataDir: string) => ({
  db,
  logger,
  metrics: createMetrics("calculator"),
  config: loadCatalogueServiceConfig(
    { DATABASE_URL: db.url, SHARED_DATA_DIR: sharedDataDir },
    { service: "calculator", portVariable: "CALCULATOR_PORT", defaultPort: 3001 },
  ),
});
const listings = async () => (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM listings")).rows[0]?.n;

describe("prepareCatalogue on a PostgreSQL server", () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    emptyDir = await mkdtemp(join(tmpdir(), "wewall-no-catalogue-"));
  });
  afterAll(async () => {
    await db?.close();
    await rm(emptyDir, { recursive: true, force: true });
  });

  it("starts on an empty catalogue when SHARED_DATA_DIR holds no demo files", async () => {
    await prepareCatalogue(depsFor(emptyDir));
    const tables = await db.pool.query("SELECT 1 FROM pg_tables WHERE tablename = 'listings'");
    expect(tables.rowCount).toBe(0);
  });

  it("loads the demo set once when two catalogue services start together", async () => {
    const info = vi.spyOn(logger, "info");
    const loads = () => info.mock.calls.filter((call) => call.includes("demo catalogue loaded")).length;
    await Promise.all([prepareCatalogue(depsFor(dataDir)), prepareCatalogue(depsFor(dataDir))]);
    const loaded = await listings();
    expect(loaded).toBeGreaterThan(15_000);
    expect(loads()).toBe(1);
    await prepareCatalogue(depsFor(dataDir));
    expect(await listings()).toBe(loaded);
    expect(loads()).toBe(1);
  });
});
