// When nothing matches: for each filter, how many listings loosening just that filter would give; and, when the
// client takes a suggestion, the same loosening applied.
import type pg from "pg";
import { relaxFilterSchema, type RelaxFilter, type RelaxSuggestion } from "@wewall/shared";
import { cheapestPrice, countListingsMany, type ListingCriteria } from "@wewall/catalogue";
import type { ResolvedSearch } from "./to-criteria.js";

interface Loosening {
  suggestion: string;
  criteria: ListingCriteria;
}

const rub = (value: number) => `${String(Math.round(value / 100_000) / 10).replace(".", ",")} млн ₽`;

// cheapest: the lowest price matching every other filter, so the budget suggestion is one that finds something.
// Undefined where the search does not use that filter.
function loosen(
  filter: RelaxFilter,
  { criteria: c, stations }: ResolvedSearch,
  cheapest: number | null,
): Loosening | undefined {
  switch (filter) {
    case "rooms":
      return c.rooms?.length ? { suggestion: "любое число комнат", criteria: { ...c, rooms: undefined } } : undefined;
    case "budget": {
      if (c.priceMax === undefined) return undefined;
      const priceMax = Math.max(c.priceMax * 1.25, (cheapest ?? 0) * 1.05);
      return { suggestion: `бюджет до ${rub(priceMax)}`, criteria: { ...c, priceMax } };
    }
    case "area": {
      if (c.areaMin === undefined && c.areaMax === undefined) return undefined;
      const areaMin = c.areaMin === undefined ? undefined : c.areaMin * 0.8;
      const areaMax = c.areaMax === undefined ? undefined : c.areaMax * 1.2;
      return { suggestion: "площадь шире на 20%", criteria: { ...c, areaMin, areaMax } };
    }
    case "metro": {
      if (!c.metroKeys?.length) return undefined;
      const anchor = stations.find((s) => s.lat !== null && s.lon !== null);
      const near =
        anchor?.lat != null && anchor.lon != null ? { lat: anchor.lat, lon: anchor.lon, radiusM: 2500 } : undefined;
      return {
        suggestion: near ? `станции в радиусе 2,5 км от «${anchor?.name ?? ""}»` : "любая станция метро",
        criteria: { ...c, metroKeys: undefined, near: near ?? c.near },
      };
    }
    case "district":
      return c.districtKey ? { suggestion: "любой район", criteria: { ...c, districtKey: undefined } } : undefined;
    case "near": {
      if (!c.near) return undefined;
      const near = { ...c.near, radiusM: Math.min(c.near.radiusM * 2, 50_000) };
      return { suggestion: `радиус ${near.radiusM / 1000} км`, criteria: { ...c, near } };
    }
    case "walkMinutesMax": {
      if (c.walkMinutesMax === undefined) return undefined;
      const walkMinutesMax = c.walkMinutesMax + 10;
      return { suggestion: `до ${walkMinutesMax} мин пешком`, criteria: { ...c, walkMinutesMax } };
    }
    case "floor":
      return c.floorMin !== undefined || c.floorMax !== undefined || c.notFirstFloor || c.notLastFloor
        ? {
            suggestion: "любой этаж",
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
      return c.market ? { suggestion: "и новостройки, и вторичка", criteria: { ...c, market: undefined } } : undefined;
  }
}

function relaxCandidates(resolved: ResolvedSearch, cheapest: number | null): (Loosening & { filter: RelaxFilter })[] {
  return relaxFilterSchema.options.flatMap((filter) => {
    const loosening = loosen(filter, resolved, cheapest);
    return loosening ? [{ filter, ...loosening }] : [];
  });
}

const cheapestWithoutBudget = (pool: pg.Pool, criteria: ListingCriteria) =>
  criteria.priceMax === undefined ? Promise.resolve(null) : cheapestPrice(pool, { ...criteria, priceMax: undefined });

export async function suggestRelaxations(pool: pg.Pool, resolved: ResolvedSearch): Promise<RelaxSuggestion[]> {
  const candidates = relaxCandidates(resolved, await cheapestWithoutBudget(pool, resolved.criteria));
  const totals = await countListingsMany(
    pool,
    candidates.map((c) => c.criteria),
  );
  const suggestions: RelaxSuggestion[] = candidates
    .map((c, i) => ({ filter: c.filter, suggestion: c.suggestion, total: totals[i] ?? 0 }))
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
