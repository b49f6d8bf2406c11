// Calls analog search with the client's wishes and shows a page of listings; "ещё" turns the page.
import type { SearchRequest } from "@wewall/shared";
import type { FunnelDeps } from "../configuration.js";
import { describeListing, prompts, relaxButtons, resultButtons } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate, ListingSummary } from "../state.js";
import { say } from "./say.js";

const RELAX_OFFERS_MAX = 3;

export function createSearchListingsNode(deps: FunnelDeps) {
  const pageSize = deps.pageSize ?? 3;
  return async function searchListings(state: DialogStateType): Promise<DialogUpdate> {
    const s = state.slots;
    const turningPage = state.flags.act === "more" && state.results?.listings !== undefined;
    const offset = turningPage ? (state.results?.offset ?? 0) + pageSize : 0;
    const relaxed = state.results?.relaxed;
    const request: SearchRequest = {
      dealType: s.dealType ?? "sale",
      propertyType: s.propertyType ?? "flat",
      ...(s.rooms !== undefined ? { rooms: [s.rooms] } : {}),
      ...(s.area !== undefined ? { areaMin: s.area * 0.85, areaMax: s.area * 1.2 } : {}),
      ...(s.budget !== undefined ? { budget: s.budget } : {}),
      ...(s.metro ? { metro: [s.metro] } : {}),
      ...(s.walkMinutes !== undefined ? { walkMinutesMax: s.walkMinutes } : {}),
      ...(s.area !== undefined || s.rooms !== undefined
        ? {
            target: {
              ...(s.area !== undefined ? { area: s.area } : {}),
              ...(s.rooms !== undefined ? { rooms: s.rooms } : {}),
            },
          }
        : {}),
      ...(relaxed?.length ? { relax: relaxed } : {}),
      limit: pageSize,
      offset,
    };
    try {
      const found = await deps.tools.search(request);
      const listings: ListingSummary[] = found.items.map((item) => ({
        id: item.id,
        url: item.url,
        price: item.price,
        area: item.area,
        rooms: item.rooms,
        metro: item.metro,
      }));
      const results = { listings, total: found.total, offset, ...(relaxed ? { relaxed } : {}) };
      if (listings.length === 0) {
        if (turningPage) return { ...say(state, prompts.noMoreListings), results, stage: "results" };
        const offers = found.relax?.slice(0, RELAX_OFFERS_MAX) ?? [];
        if (offers.length === 0) return { ...say(state, prompts.nothingFound), results, stage: "results" };
        const text = `${prompts.nothingFound}\n${prompts.relaxAsk}`;
        return { ...say(state, text, { buttons: relaxButtons(offers) }), results, stage: "results" };
      }
      const cards = listings.map((l, i) => `${offset + i + 1}. ${describeListing(l)}`).join("\n\n");
      const hasMore = offset + listings.length < found.total;
      return {
        ...say(state, `${prompts.found(found.total, found.totalCapped === true, offset)}\n\n${cards}`, {
          buttons: resultButtons(hasMore),
        }),
        results,
        stage: "results",
      };
    } catch {
      // The failure and its cause are logged and counted where the tools are wired (observed-tools.ts).
      return { ...say(state, prompts.toolDown), toolError: true, stage: "confirm" };
    }
  };
}
