// When nothing matches: for each filter, how many listings loosening just that filter would give.
import type pg from "pg";
import type { RelaxSuggestion } from "./types.js";
import { cheapestPrice, countListingsMany, type ListingCriteria } from "@wewall/catalogue";
import type { ResolvedSearch } from "./to-criteria.js";

interface Candidate {
  filter: string;
  suggestion: string;
  criteria: ListingCriteria;
}

const rub = (value: number) => `${String(Math.round(value / 100_000) / 10).replace(".", ",")} млн ₽`;

// cheapest: the lowest price matching every other filter, so the budget suggestion is one that finds something
export function relaxCandidates({ criteria, stations }: ResolvedSearch, cheapest: number | null): Candidate[] {
  const out: Candidate[] = [];
  const c = criteria;
  if (c.rooms?.length)
    out.push({ filter: "rooms", suggestion: "любое число комнат", criteria: { ...c, rooms: undefined } });
  if (c.priceMax !== undefined) {
    const priceMax = Math.max(c.priceMax * 1.25, (cheapest ?? 0) * 1.05);
    out.push({ filter: "budget", suggestion: `бюджет до ${rub(priceMax)}`, criteria: { ...c, priceMax } });
  }
  if (c.areaMin !== undefined || c.areaMax !== undefined) {
    const areaMin = c.areaMin === undefined ? undefined : c.areaMin * 0.8;
    const areaMax = c.areaMax === undefined ? undefined : c.areaMax * 1.2;
    out.push({ filter: "area", suggestion: "площадь шире на 20%", criteria: { ...c, areaMin, areaMax } });
  }
  if (c.metroKeys?.length) {
    const anchor = stations.find((s) => s.lat !== null && s.lon !== null);
    const near =
      anchor?.lat != null && anchor.lon != null ? { lat: anchor.lat, lon: anchor.lon, radiusM: 2500 } : undefined;
    out.push({
      filter: "metro",
      suggestion: near ? `станции в радиусе 2,5 км от «${anchor?.name ?? ""}»` : "любая станция метро",
      criteria: { ...c, metroKeys: undefined, near: near ?? c.near },
    });
  }
  if (c.districtKey)
    out.push({ filter: "district", suggestion: "любой район", criteria: { ...c, districtKey: undefined } });
  if (c.near) {
    const near = { ...c.near, radiusM: Math.min(c.near.radiusM * 2, 50_000) };
    out.push({ filter: "near", suggestion: `радиус ${near.radiusM / 1000} км`, criteria: { ...c, near } });
  }
  if (c.walkMinutesMax !== undefined) {
    const walkMinutesMax = c.walkMinutesMax + 10;
    out.push({
      filter: "walkMinutesMax",
      suggestion: `до ${walkMinutesMax} мин пешком`,
      criteria: { ...c, walkMinutesMax },
    });
  }
  if (c.floorMin !== undefined || c.floorMax !== undefined || c.notFirstFloor || c.notLastFloor) {
    out.push({
      filter: "floor",
      suggestion: "любой этаж",
      criteria: { ...c, floorMin: undefined, floorMax: undefined, notFirstFloor: undefined, notLastFloor: undefined },
    });
  }
  if (c.market)
    out.push({ filter: "market", suggestion: "и новостройки, и вторичка", criteria: { ...c, market: undefined } });
  return out;
}

export async function suggestRelaxations(pool: pg.Pool, resolved: ResolvedSearch): Promise<RelaxSuggestion[]> {
  const cheapest =
    resolved.criteria.priceMax === undefined
      ? null
      : await cheapestPrice(pool, { ...resolved.criteria, priceMax: undefined });
  const candidates = relaxCandidates(resolved, cheapest);
  const totals = await countListingsMany(
    pool,
    candidates.map((c) => c.criteria),
  );
  const suggestions: RelaxSuggestion[] = candidates
    .map((c, i) => ({ filter: c.filter, suggestion: c.suggestion, total: totals[i] ?? 0 }))
    .filter((s) => s.total > 0);
  return suggestions.sort((a, b) => b.total - a.total);
}
