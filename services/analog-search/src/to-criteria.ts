// A validated search request → catalogue criteria and a ranking target; impossible combinations are a 400.
import type { z } from "zod";
import { badRequest, type searchRequestSchema } from "@wewall/shared";
import { normalizeKey, type ListingCriteria, type RankTarget, type StationIndex } from "@wewall/catalogue";

export type SearchInput = z.output<typeof searchRequestSchema>;

export interface ResolvedSearch {
  criteria: ListingCriteria;
  target: RankTarget;
  stations: { name: string; lat: number | null; lon: number | null }[];
}

export function toCriteria(input: SearchInput, stations: StationIndex): ResolvedSearch {
  if (input.areaMin !== undefined && input.areaMax !== undefined && input.areaMin > input.areaMax) {
    throw badRequest(`areaMin: ${input.areaMin} is greater than areaMax ${input.areaMax}`);
  }
  if (input.floorMin !== undefined && input.floorMax !== undefined && input.floorMin > input.floorMax) {
    throw badRequest(`floorMin: ${input.floorMin} is greater than floorMax ${input.floorMax}`);
  }
  const found = (input.metro ?? []).map((name, i) => {
    const station = stations.get(name);
    if (!station) throw badRequest(`metro[${i}]: unknown station "${name}"`);
    return station;
  });
  const criteria: ListingCriteria = {
    dealType: input.dealType,
    propertyType: input.propertyType,
    rooms: input.rooms,
    areaMin: input.areaMin,
    areaMax: input.areaMax,
    priceMax: input.budget === undefined ? undefined : input.budget * (1 + input.budgetTolerance),
    metroKeys: found.length ? found.map((s) => s.key) : undefined,
    districtKey: normalizeKey(input.district) ?? undefined,
    near: input.near,
    walkMinutesMax: input.walkMinutesMax,
    floorMin: input.floorMin,
    floorMax: input.floorMax,
    notFirstFloor: input.notFirstFloor,
    notLastFloor: input.notLastFloor,
    market: input.market,
  };
  const anchor = input.near ?? found.find((s) => s.lat !== null);
  const t = input.target ?? {};
  const target: RankTarget = {
    area: t.area ?? midpoint(input.areaMin, input.areaMax),
    rooms: t.rooms ?? (input.rooms?.length === 1 ? input.rooms[0] : undefined),
    pricePerM2: t.pricePerM2,
    // without an explicit target the budget itself is what the client hopes to pay
    price: t.pricePerM2 === undefined ? input.budget : undefined,
    floor: t.floor,
    lat: t.lat ?? anchor?.lat ?? undefined,
    lon: t.lon ?? anchor?.lon ?? undefined,
  };
  return { criteria, target, stations: found };
}

function midpoint(min: number | undefined, max: number | undefined): number | undefined {
  if (min !== undefined && max !== undefined) return (min + max) / 2;
  return min ?? max;
}
