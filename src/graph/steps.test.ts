// The slot table: order, conditions, validation and the summary the client confirms.
import { describe, expect, it } from "vitest";
import { nextStep, stepFor, summarize } from "./steps.js";

describe("funnel steps", () => {
  it("asks search questions in order, skipping what is known or skipped", () => {
    expect(nextStep({ intent: "search" }, [])?.slot).toBe("dealType");
    expect(nextStep({ intent: "search", dealType: "rent", propertyType: "flat" }, [])?.slot).toBe("rooms");
    expect(nextStep({ intent: "search", dealType: "rent", propertyType: "office" }, [])?.slot).toBe("area");
    expect(
      nextStep({ intent: "search", dealType: "sale", propertyType: "flat", rooms: 1 }, ["area", "budget"])?.slot,
    ).toBe("metro");
  });

  it("asks walking minutes only when a station is known, floors only for a valuation", () => {
    const base = {
      intent: "search" as const,
      dealType: "sale" as const,
      propertyType: "flat" as const,
      rooms: 2,
      area: 50,
      budget: 1e7,
    };
    expect(nextStep(base, ["metro"])).toBeUndefined();
    expect(nextStep({ ...base, metro: "Сокол" }, [])?.slot).toBe("walkMinutes");
    expect(nextStep({ intent: "valuation", propertyType: "flat", rooms: 2, area: 50 }, ["metro"])?.slot).toBe("floor");
  });

  it("validates a floor against the building", () => {
    expect(stepFor("floor")?.validate?.({ floor: 10, floorsTotal: 9 })).toMatch(/выше/);
    expect(stepFor("floor")?.validate?.({ floor: 9, floorsTotal: 9 })).toBeNull();
  });

  it("summarises in Russian with units", () => {
    const text = summarize({
      intent: "search",
      dealType: "rent",
      propertyType: "flat",
      rooms: 0,
      area: 28.5,
      budget: 60_000,
      metro: "Сокол",
      walkMinutes: 5,
    });
    expect(text).toContain("аренда");
    expect(text).toContain("студия");
    expect(text).toContain("28,5 м²");
    expect(text).toMatch(/до 60\s000 ₽ в месяц/);
    expect(text).toContain("5 мин пешком");
  });
});
