// The embedded path `npm start` uses: demo catalogue into PGlite behind one connection, then both endpoints answer.
import { asAdmin, testPlatform } from "@wewall/test-support";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, openDatabase, type Database, type Investment, type Valuation } from "@wewall/shared";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { buildApp } from "./app.js";

const dataDir = process.env.SHARED_DATA_DIR ?? new URL("../../../../shared/data", import.meta.url).pathname;
let dir: string;
let db: Database;

describe("calculator on embedded PGlite", () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "calculator-pglite-"));
    db = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("loads the demo set in seconds and values from it", async () => {
    const started = Date.now();
    const reports = await loadDemoCatalogueIfEmpty(db.pool, dataDir, createLogger("test", "silent"));
    expect(reports.every((r) => !r.error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);
    const app = await buildApp({ pool: db.pool, logger: createLogger("test", "silent"), ...testPlatform() });
    const payload = { dealType: "sale", propertyType: "flat", rooms: 1, area: 38, metro: "Сокол", walkMinutes: 6 };
    const valuation = await app.inject({ method: "POST", url: "/v1/valuations", payload, headers: asAdmin });
    expect(valuation.statusCode).toBe(200);
    expect(valuation.json<Valuation>().analogs.length).toBeGreaterThan(3);
    const investment = await app.inject({ method: "POST", url: "/v1/investment", payload, headers: asAdmin });
    expect(investment.statusCode).toBe(200);
    expect(investment.json<Investment>().monthlyRent).toBeGreaterThan(0);
    await app.close();
  });
});
