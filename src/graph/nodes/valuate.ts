// Calls the calculator for the client's own property: market value by comparables and what it would earn let.
import type { ValuationRequest } from "@wewall/shared";
import type { FunnelDeps } from "../configuration.js";
import { describeValuation, prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate, ValuationSummary } from "../state.js";
import { say } from "./say.js";

export function createValuateNode(deps: FunnelDeps) {
  return async function valuate(state: DialogStateType): Promise<DialogUpdate> {
    const s = state.slots;
    if (s.propertyType !== "flat" || s.area === undefined || s.rooms === undefined) {
      return { ...say(state, prompts.commercialNoData), results: {}, stage: "results" };
    }
    const request: ValuationRequest = {
      dealType: "sale",
      propertyType: "flat",
      rooms: s.rooms,
      area: s.area,
      ...(s.floor !== undefined ? { floor: s.floor } : {}),
      ...(s.floorsTotal !== undefined ? { floorsTotal: s.floorsTotal } : {}),
      ...(s.metro ? { metro: s.metro } : {}),
      ...(s.walkMinutes !== undefined ? { walkMinutes: s.walkMinutes, metroMode: "walk" as const } : {}),
    };
    try {
      const [valuation, investment] = await Promise.all([
        deps.tools.valuate(request),
        deps.tools.investment(request).catch(() => null),
      ]);
      const summary: ValuationSummary = {
        price: valuation.price,
        low: valuation.low,
        high: valuation.high,
        pricePerM2: valuation.pricePerM2,
        analogCount: valuation.analogs.length,
        ...(investment
          ? {
              monthlyRent: investment.monthlyRent,
              grossYield: investment.grossYield,
              paybackYears: investment.paybackYears,
            }
          : {}),
      };
      return { ...say(state, describeValuation(summary)), results: { valuation: summary }, stage: "results" };
    } catch {
      // The failure and its cause are logged and counted where the tools are wired (observed-tools.ts).
      return { ...say(state, prompts.toolDown), toolError: true, stage: "confirm" };
    }
  };
}
