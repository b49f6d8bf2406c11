// Turns one client message into the core's slots; a slot the message does not state is absent, never guessed.
import type { Slots } from "@wewall/shared";
import { analyze } from "./extract-numbers.js";
import { parseArea } from "./parse-area.js";
import { parseBudget } from "./parse-budget.js";
import { parseFloor } from "./parse-floor.js";
import { parseRooms } from "./parse-rooms.js";
import { parseWalk } from "./parse-walk.js";
import { isWhole, openMatches, type SlotContext, type SlotInput } from "./slot-input.js";

export type { SlotContext } from "./slot-input.js";

/** Slots this parser can fill. */
export type NumericSlots = Pick<
  Slots,
  "rooms" | "area" | "floor" | "floorsTotal" | "budget" | "budgetMin" | "walkMinutes" | "metro" | "phone"
>;

/** A number with no unit answers the question the bot just asked, when it is plausible for that slot. */
function readExpected(input: SlotInput, slots: Partial<Slots>): void {
  const expect = input.context.expect;
  if (!expect || slots[expect] !== undefined) return;
  for (const [k, match] of openMatches(input)) {
    if (match.unit !== undefined) continue;
    const v = match.value;
    // Only floors are counted with ordinals ("третий"); "третий" is no area, room count or walk.
    const ordinal = match.kind === "ordinal";
    if (ordinal && expect !== "floor" && expect !== "floorsTotal") continue;
    if (expect === "area" && v >= 5 && v <= 10_000) slots.area = v;
    else if (expect === "rooms" && isWhole(v, 0, 20)) slots.rooms = v;
    else if (expect === "floor" && isWhole(v, -3, 200)) slots.floor = v;
    else if (expect === "floorsTotal" && isWhole(v, 1, 200)) slots.floorsTotal = v;
    else if (expect === "walkMinutes" && isWhole(v, 0, 120)) slots.walkMinutes = v;
    else continue;
    input.claimed.add(k);
    return;
  }
}

export function parseSlots(text: string, context: SlotContext = {}): Partial<Slots> {
  const { tokens, matches } = analyze(text);
  const input: SlotInput = { tokens, matches, claimed: new Set(), context };
  const slots: Partial<Slots> = {};
  matches.forEach((m, k) => {
    if (m.unit === "phone") {
      slots.phone ??= `+${m.value}`;
      input.claimed.add(k);
    }
  });
  if (context.stations) {
    const [station] = context.stations.findInTokens(tokens, context.expect === "metro");
    if (station) {
      slots.metro = station.name;
      input.station = station;
      // "Улица 1905 года", "Площадь трёх вокзалов": numbers inside a name are not quantities.
      matches.forEach((m, k) => {
        if (m.firstToken >= station.firstToken && m.firstToken < station.nextToken) input.claimed.add(k);
      });
    }
  }
  const floor = parseFloor(input);
  if (floor.floor !== undefined) slots.floor = floor.floor;
  if (floor.floorsTotal !== undefined) slots.floorsTotal = floor.floorsTotal;
  const rooms = parseRooms(input);
  if (rooms !== undefined) slots.rooms = rooms;
  const walk = parseWalk(input);
  if (walk !== undefined) slots.walkMinutes = walk;
  const area = parseArea(input);
  if (area !== undefined) slots.area = area;
  readExpected(input, slots);
  const budget = parseBudget(input);
  if (budget.budget !== undefined) slots.budget = budget.budget;
  if (budget.budgetMin !== undefined) slots.budgetMin = budget.budgetMin;
  return slots;
}
