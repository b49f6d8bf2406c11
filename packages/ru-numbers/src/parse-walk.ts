// walkMinutes: "10 минут пешком до метро", "5 мин от м.", "полчаса пешком"; "в пешей доступности" stays unset.
import { isWhole, openMatches, startsWithAny, wordsBefore, wordsFrom, type SlotInput } from "./slot-input.js";

const WALK_WORDS = ["пешк", "ходьб", "пеш", "метро", "станци"];
const RIDE_WORDS = ["транспорт", "машин", "авто", "маршрутк", "езды", "ехать", "такси", "электричк"];

export function parseWalk(input: SlotInput): number | undefined {
  const { tokens } = input;
  for (const [k, match] of openMatches(input)) {
    if (match.unit !== "min" && match.unit !== "h") continue;
    // In a range the client tolerates the upper end.
    const partner = match.rangeWith !== undefined ? input.matches[match.rangeWith] : undefined;
    const upper = partner && partner.value > match.value ? partner : match;
    const minutes = upper.unit === "h" ? upper.value * 60 : upper.value;
    if (!isWhole(minutes, 0, 240)) continue;
    const near = [...wordsBefore(tokens, match.firstToken, 3), ...wordsFrom(tokens, upper.nextToken, 4)];
    if (near.some((w) => startsWithAny(w, RIDE_WORDS))) continue;
    const walking = input.station !== undefined || near.some((w) => startsWithAny(w, WALK_WORDS) || w === "м");
    if (!walking && input.context.expect !== "walkMinutes") continue;
    input.claimed.add(k);
    if (match.rangeWith !== undefined) input.claimed.add(match.rangeWith);
    return minutes;
  }
  return undefined;
}
