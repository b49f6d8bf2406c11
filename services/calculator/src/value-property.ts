// Valuation by comparables: pick analogs, adjust each to the object, weight by similarity, combine.
import type pg from "pg";
import { AppError, badRequest, type Adjustment, type Valuation, type ValuationRequest } from "@wewall/shared";
import {
  cached,
  findComparables,
  loadAdjustmentTables,
  loadStationIndex,
  normalizeKey,
  streetKeyOf,
} from "@wewall/catalogue";
import { adjustAnalog } from "./adjust-analog.js";
import { combineEstimates } from "./combine-estimates.js";
import { similarityDistance } from "./similarity.js";

export interface Valuator {
  value(request: ValuationRequest): Promise<Valuation>;
}

// Enough analogs to average out one odd listing, few enough that each stays a real comparable.
const ANALOGS = 10;

export function createValuator(deps: { pool: pg.Pool }): Valuator {
  const stations = cached(
    () => loadStationIndex(deps.pool),
    5 * 60_000,
    (index) => index.size === 0,
  );
  const tables = cached(
    () => loadAdjustmentTables(deps.pool),
    5 * 60_000,
    (t) => t.square_coeffs.cells.size === 0,
  );
  return {
    async value(request) {
      validate(request);
      const station = request.metro ? (await stations.get()).get(request.metro) : undefined;
      if (request.metro && !station) throw badRequest(`metro: unknown station "${request.metro}"`);
      if (!station && request.lat === undefined && !request.district) {
        throw badRequest("metro: required when neither lat/lon nor district is given");
      }
      const metroMode = request.metroMode ?? (request.walkMinutes === undefined ? undefined : "walk");
      const subject = {
        ...request,
        metroMode,
        metroKey: station?.key,
        addressKey: normalizeKey(request.address),
        streetKey: streetKeyOf(request.address),
      };
      const candidates = await findComparables(deps.pool, {
        dealType: request.dealType,
        propertyType: request.propertyType,
        area: request.area,
        metroKey: station?.key,
        addressKey: subject.addressKey,
        districtKey: normalizeKey(request.district),
        lat: request.lat ?? station?.lat,
        lon: request.lon ?? station?.lon,
      });
      if (candidates.length === 0) {
        throw new AppError("no_analogs", "no comparable listings near this object", { status: 422 });
      }
      const chosen = candidates
        .map((analog) => ({ analog, distance: similarityDistance(subject, analog) }))
        .sort((a, b) => a.distance - b.distance || a.analog.id.localeCompare(b.analog.id))
        .slice(0, ANALOGS);
      const adjustTables = request.dealType === "sale" ? await tables.get() : null;
      // the LCT tables describe sale prices; rent analogs are weighted but not adjusted
      const adjusted = chosen.map(({ analog }) =>
        adjustTables
          ? adjustAnalog(subject, analog, adjustTables)
          : { adjustedPricePerM2: analog.pricePerM2, askingPricePerM2: analog.pricePerM2, adjustments: [] },
      );
      const combined = combineEstimates(
        chosen.map((c, i) => ({ value: adjusted[i]?.adjustedPricePerM2 ?? 0, distance: c.distance })),
      );
      const askingPerM2 = adjusted.reduce((sum, a, i) => sum + a.askingPricePerM2 * (combined.weights[i] ?? 0), 0);
      const adjustments: Adjustment[] = adjusted.flatMap((a) => a.adjustments);
      return {
        price: roundPrice(combined.value * request.area),
        pricePerM2: Math.round(combined.value),
        low: roundPrice(combined.low * request.area),
        high: roundPrice(combined.high * request.area),
        askingPrice: roundPrice(askingPerM2 * request.area),
        analogs: chosen.map(({ analog }, i) => ({
          id: analog.id,
          url: analog.url,
          price: analog.price,
          pricePerM2: Math.round(analog.pricePerM2),
          adjustedPricePerM2: Math.round(adjusted[i]?.adjustedPricePerM2 ?? 0),
          weight: Math.round((combined.weights[i] ?? 0) * 10_000) / 10_000,
          area: analog.area,
          rooms: analog.rooms ?? 0,
          metro: analog.metro,
          walkMinutes: analog.metroMinutes,
        })),
        adjustments,
      };
    },
  };
}

function validate(request: ValuationRequest): void {
  if (request.floor !== undefined && request.floorsTotal !== undefined && request.floor > request.floorsTotal) {
    throw badRequest(`floor: ${request.floor} is above floorsTotal ${request.floorsTotal}`);
  }
  if (request.kitchenArea !== undefined && request.kitchenArea >= request.area) {
    throw badRequest(`kitchenArea: ${request.kitchenArea} must be smaller than area ${request.area}`);
  }
  if ((request.lat === undefined) !== (request.lon === undefined)) {
    throw badRequest(`${request.lat === undefined ? "lat" : "lon"}: lat and lon come together`);
  }
}

// Rent to the nearest 100 ₽, sale prices to the nearest 1 000 ₽: more digits would be false precision.
function roundPrice(value: number): number {
  const step = value < 1_000_000 ? 100 : 1000;
  return Math.round(value / step) * step;
}
