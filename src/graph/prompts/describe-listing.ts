// One listing of a results page as a line the client reads: rooms, area, metro, price, and the link.
import type { ListingSummary } from "../state.js";
import { formatNumber, formatRub } from "./russian-format.js";

export function describeListing(l: ListingSummary): string {
  const rooms = l.rooms === null ? "" : l.rooms === 0 ? "Студия, " : `${l.rooms}-комн., `;
  const metro = l.metro ? `, м. ${l.metro}` : "";
  return `${rooms}${formatNumber(l.area)} м²${metro} — ${formatRub(l.price)}${l.url ? `\n${l.url}` : ""}`;
}
