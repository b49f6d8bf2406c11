// Calls analog search with the client's wishes and shows a page of listings; "ещё" turns the page.
import type { SearchRequest } from "@wewall/shared";
import type { FunnelDeps } from "../configuration.js";
import { formatNumber, formatRub, prompts, resultButtons } from "../prompts.js";
import type { DialogStateType, DialogUpdate, ListingSummary } from "../state.js";
import { say } from "./say.js";

export function createSearchListingsNode(deps: FunnelDeps) {
  const pageSize = deps.pageSize ?? 3;
  return async function searchListings(state: DialogStateType): Promise<DialogUpdate> {
    const s = state.slots;
    const turningPage = state.flags.act === "more" && state.results?.listings !== undefined;
    const offset = turningPage ? (state.results?.offset ?? 0) + pageSize : 0;
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
      const results = { listings, total: found.total, offset };
      if (listings.length === 0) {
        const relax = found.relax?.map((r) => `• ${r.suggestion} — найдётся ${r.total}`).join("\n");
        const text = turningPage
          ? "Больше вариантов нет."
          : `${prompts.nothingFound}${relax ? `\nМожно смягчить условия:\n${relax}` : ""}`;
        return { ...say(state, text), results, stage: "results" };
      }
      const cards = listings.map((l, i) => `${offset + i + 1}. ${describeListing(l)}`).join("\n\n");
      const header = `Нашёл ${found.total} вариантов. Вот ${offset > 0 ? "следующие" : "лучшие"}:`;
      return {
        ...say(state, `${header}\n\n${cards}`, { buttons: resultButtons }),
        results,
        stage: "results",
      };
    } catch {
      return { ...say(state, prompts.toolDown), toolError: true, stage: "confirm" };
    }
  };
}

function describeListing(l: ListingSummary): string {
  const rooms = l.rooms === null ? "" : l.rooms === 0 ? "Студия, " : `${l.rooms}-комн., `;
  const metro = l.metro ? `, м. ${l.metro}` : "";
  return `${rooms}${formatNumber(l.area)} м²${metro} — ${formatRub(l.price)}${l.url ? `\n${l.url}` : ""}`;
}
