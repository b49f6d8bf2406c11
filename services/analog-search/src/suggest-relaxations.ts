// When nothing matches: for each filter, how many listings loosening just that filter would give; and, when the
// client takes a suggestion, the same loosening applied.
import type pg from "pg";
import { relaxFilterSchema, type RelaxFilter, type RelaxOption } from "@wewall/shared";
import { cheapestPrice, countListingsMany, type ListingCriteria } from "@wewall/catalogue";
import type { ResolvedSearch } from "./to-criteria.js";

// An option before its listings are counted; the core words it, so it carries values, not text.
type Uncounted<T> = T extends unknown ? Omit<T, "total"> : never;

interface Loosening {
  option: Uncounted<RelaxOption>;
  criteria: ListingCriteria;
}

const AREA_WIDEN_PERCENT = 20;
const METRO_AROUND_M = 2500;

// cheapest: the lowest price matching every other filter, so the budget suggestion is one that finds something.
// Undefined where the search does not use that filter.
function loosen(
  filter: RelaxFilter,
  { criteria: c, stations }: ResolvedSearch,
  cheapest: number | null,
): Loosening | undefined {
  switch (filter) {
    case "rooms":
      return c.rooms?.length ? { option: { filter }, criteria: { ...c, rooms: undefined } } : undefined;
    case "budget": {
      if (c.priceMax === undefined) return undefined;
      const priceMax = Math.max(c.priceMax * 1.25, (cheapest ?? 0) * 1.05);
      return { option: { filter, priceMax }, criteria: { ...c, priceMax } };
    }
    case "area": {
      if (c.areaMin === undefined && c.areaMax === undefined) return undefined;
      const areaMin = c.areaMin === undefined ? undefined : c.areaMin * (1 - AREA_WIDEN_PERCENT / 100);
      const areaMax = c.areaMax === undefined ? undefined : c.areaMax * (1 + AREA_WIDEN_PERCENT / 100);
      return {
        option: {
          filter,
          widenPercent: AREA_WIDEN_PERCENT,
          ...(areaMin === undefined ? {} : { areaMin }),
          ...(areaMax === undefined ? {} : { areaMax }),
        },
        criteria: { ...c, areaMin, areaMax },
      };
    }
    case "metro": {
      if (!c.metroKeys?.length) return undefined;
      const anchor = stations.find((s) => s.lat !== null && s.lon !== null);
      const near =
        anchor?.lat != null && anchor.lon != null
          ? { lat: anchor.lat, lon: anchor.lon, radiusM: METRO_AROUND_M }
          : undefined;
      return {
        option: { filter, ...(anchor && near ? { around: { station: anchor.name, radiusM: near.radiusM } } : {}) },
        criteria: { ...c, metroKeys: undefined, near: near ?? c.near },
      };
    }
    case "district":
      return c.districtKey ? { option: { filter }, criteria: { ...c, districtKey: undefined } } : undefined;
    case "near": {
      if (!c.near) return undefined;
      const near = { ...c.near, radiusM: Math.min(c.near.radiusM * 2, 50_000) };
      return { option: { filter, radiusM: near.radiusM }, criteria: { ...c, near } };
    }
    case "walkMinutesMax": {
      if (c.walkMinutesMax === undefined) return undefined;
      const walkMinutesMax = c.walkMinutesMax + 10;
      return { option: { filter, walkMinutesMax }, criteria: { ...c, walkMinutesMax } };
    }
    case "floor":
      return c.floorMin !== undefined || c.floorMax !== undefined || c.notFirstFloor || c.notLastFloor
        ? {
            option: { filter },
            criteria: {
              ...c,
              floorMin: undefined,
              floorMax: undefined,
              notFirstFloor: undefined,
              notLastFloor: undefined,
            },
          }
        : undefined;
    case "market":
      return c.market ? { option: { filter }, criteria: { ...c, market: undefined } } : undefined;
  }
}

function relaxCandidates(resolved: ResolvedSearch, cheapest: number | null): Loosening[] {
  return relaxFilterSchema.options.flatMap((filter) => loosen(filter, resolved, cheapest) ?? []);
}

const cheapestWithoutBudget = (pool: pg.Pool, criteria: ListingCriteria) =>
  criteria.priceMax === undefined ? Promise.resolve(null) : cheapestPrice(pool, { ...criteria, priceMax: undefined });

export async function suggestRelaxations(pool: pg.Pool, resolved: ResolvedSearch): Promise<RelaxOption[]> {
  const candidates = relaxCandidates(resolved, await cheapestWithoutBudget(pool, resolved.criteria));
  const totals = await countListingsMany(
    pool,
    candidates.map((c) => c.criteria),
  );
  const suggestions: RelaxOption[] = candidates
    .map((c, i): RelaxOption => ({ ...c.option, total: totals[i] ?? 0 }))
    .filter((s) => s.total > 0);
  return suggestions.sort((a, b) => b.total - a.total);
}

/** The search with the suggested loosenings applied in order, each as `suggestRelaxations` offered it. */
export async function applyRelaxations(
  pool: pg.Pool,
  resolved: ResolvedSearch,
  filters: readonly RelaxFilter[],
): Promise<ResolvedSearch> {
  let criteria = resolved.criteria;
  for (const filter of new Set(filters)) {
    const cheapest = filter === "budget" ? await cheapestWithoutBudget(pool, criteria) : null;
    criteria = loosen(filter, { ...resolved, criteria }, cheapest)?.criteria ?? criteria;
  }
  return { ...resolved, criteria };
}
