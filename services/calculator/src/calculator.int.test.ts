// POST /v1/valuations and /v1/investment against real PostgreSQL holding the demo catalogue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, type Investment, type Valuation } from "@wewall/shared";
import {
  asAdmin,
  createTestDatabase,
  expectEveryRouteGuarded,
  testPlatform,
  type TestDatabase,
} from "@wewall/test-support";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { buildApp } from "./app.js";

const dataDir = process.env.SHARED_DATA_DIR ?? new URL("../../../../shared/data", import.meta.url).pathname;
const logger = createLogger("test", "silent");
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;

const flat = {
  dealType: "sale",
  propertyType: "flat",
  rooms: 2,
  area: 54,
  floor: 5,
  floorsTotal: 12,
  metro: "Сокол",
  walkMinutes: 8,
  kitchenArea: 8,
};

async function post<T>(url: string, payload: Record<string, unknown>) {
  const response = await app.inject({ method: "POST", url, payload, headers: asAdmin });
  return { status: response.statusCode, body: response.json<T & { message?: string }>() };
}

describe("calculator", () => {
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoCatalogueIfEmpty(db.pool, dataDir, logger);
    app = await buildApp({ pool: db.pool, logger, ...testPlatform() });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it("values a flat from its station's analogs and shows arithmetic a manager can redo", async () => {
    const { status, body } = await post<Valuation>("/v1/valuations", flat);
    expect(status).toBe(200);
    expect(body.analogs.length).toBeGreaterThanOrEqual(5);
    expect(body.analogs.length).toBeLessThanOrEqual(10);
    expect(body.low).toBeLessThanOrEqual(body.price);
    expect(body.high).toBeGreaterThanOrEqual(body.price);
    // Moscow, Сокол, 2023: a 54 m² flat is worth a few hundred thousand roubles per m²
    expect(body.pricePerM2).toBeGreaterThan(200_000);
    expect(body.pricePerM2).toBeLessThan(600_000);
    expect(body.analogs.reduce((sum, a) => sum + a.weight, 0)).toBeCloseTo(1, 3);
    for (const analog of body.analogs) {
      const own = body.adjustments.filter((a) => a.analogId === analog.id);
      expect(own[0]).toMatchObject({ factor: "bargaining", value: -4.5 });
      let perM2 = analog.pricePerM2;
      for (const a of own.filter((x) => x.unit === "pct")) perM2 *= 1 + a.value / 100;
      for (const a of own.filter((x) => x.unit === "rub_per_m2")) perM2 += a.value;
      expect(Math.abs(perM2 - analog.adjustedPricePerM2)).toBeLessThan(2);
    }
    const weighted = body.analogs.reduce((sum, a) => sum + a.weight * a.adjustedPricePerM2, 0);
    expect(Math.abs(weighted - body.pricePerM2) / body.pricePerM2).toBeLessThan(0.001);
    expect(body.askingPrice).toBeGreaterThan(body.price);
  });

  it("rejects impossible objects with a 400 naming the field", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...flat, area: 0 }, /area/],
      [{ ...flat, area: -5 }, /area/],
      [{ ...flat, floor: 13, floorsTotal: 12 }, /^floor: 13 is above floorsTotal 12/],
      [{ ...flat, metro: "Хогвартс" }, /^metro: unknown station/],
      [{ ...flat, kitchenArea: 60 }, /^kitchenArea/],
    ];
    for (const [payload, message] of cases) {
      const { status, body } = await post<Valuation>("/v1/valuations", payload);
      expect(status).toBe(400);
      expect(body.message).toMatch(message);
    }
  });

  it("values a monthly rent from rent analogs without sale adjustments", async () => {
    const { status, body } = await post<Valuation>("/v1/valuations", {
      ...flat,
      dealType: "rent",
      metro: "Марьина Роща",
    });
    expect(status).toBe(200);
    expect(body.price).toBeGreaterThan(30_000);
    expect(body.price).toBeLessThan(300_000);
    expect(body.adjustments).toEqual([]);
  });

  it("computes investment figures with defaults, and honours overrides", async () => {
    const defaults = await post<Investment>("/v1/investment", flat);
    expect(defaults.status).toBe(200);
    const d = defaults.body;
    expect(d.monthlyRent).toBeGreaterThan(0);
    expect(d.grossYield).toBeCloseTo((12 * d.monthlyRent) / d.purchasePrice, 3);
    expect(d.horizonYears).toBe(10);
    expect(d.assumptions.vacancy).toBe(0.05);
    expect(d.irr).not.toBeNull();

    const given = await post<Investment>("/v1/investment", {
      ...flat,
      purchasePrice: 20_000_000,
      vacancy: 0.2,
      horizonYears: 5,
      priceGrowth: 0,
      rentGrowth: 0,
      purchaseCosts: 0,
      monthlyCosts: 0,
    });
    const g = given.body;
    expect(g.purchasePrice).toBe(20_000_000);
    expect(g.assumptions.vacancy).toBe(0.2);
    expect(g.netYield).toBeCloseTo((12 * g.monthlyRent * 0.8) / 20_000_000, 4);
    expect(g.paybackYears).toBeCloseTo(20_000_000 / (12 * g.monthlyRent * 0.8), 1);
  });
});

describe("calculator credentials", () => {
  it("refuses every route but the probes and docs without a service token", async () => {
    const guardedDb = await createTestDatabase();
    const guardedApp = await buildApp({ pool: guardedDb.pool, logger, ...testPlatform() });
    try {
      expect(await expectEveryRouteGuarded(guardedApp)).toBeGreaterThanOrEqual(3);
      const health = await guardedApp.inject({ method: "GET", url: "/health" });
      expect(health.statusCode).toBe(200);
      const metrics = await guardedApp.inject({ method: "GET", url: "/metrics", headers: asAdmin });
      expect(metrics.body).toContain("wewall_http_request_duration_seconds");
    } finally {
      await guardedApp.close();
      await guardedDb.close();
    }
  });
});
