// The search use case: validate against the station list, query the catalogue, explain an empty answer.
import type pg from "pg";
import type { SearchResult } from "@wewall/shared";
import { cached, loadStationIndex, queryListings } from "@wewall/catalogue";
import { applyRelaxations, suggestRelaxations } from "./suggest-relaxations.js";
import { toCriteria, type SearchInput } from "./to-criteria.js";

export interface AnalogSearch {
  search(input: SearchInput): Promise<SearchResult>;
}

export function createAnalogSearch(deps: { pool: pg.Pool }): AnalogSearch {
  const stations = cached(
    () => loadStationIndex(deps.pool),
    5 * 60_000,
    (index) => index.size === 0,
  );
  return {
    async search(input) {
      const requested = toCriteria(input, await stations.get());
      const resolved = input.relax ? await applyRelaxations(deps.pool, requested, input.relax) : requested;
      const page = await queryListings(deps.pool, resolved.criteria, resolved.target, {
        limit: input.limit,
        offset: input.offset,
      });
      const result: SearchResult = { items: page.items, total: page.total, totalCapped: page.totalCapped };
      if (page.total === 0) result.relax = await suggestRelaxations(deps.pool, resolved);
      return result;
    },
  };
}
