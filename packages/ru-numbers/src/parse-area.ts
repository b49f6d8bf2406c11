// area: "45 квадратов", "сорок пять метров", "45 кв.м", "площадь 48 м² (жилая 30)" → 48, "от 40 до 60 м2" → 40.
import { openMatches, startsWithAny, wordsBefore, wordsFrom, type SlotInput } from "./slot-input.js";

const TOTAL_WORDS = ["площад", "общ", "метраж"];
// Part-of-flat areas: not the flat's area unless nothing else is given.
const PART_WORDS = ["кухн", "жил", "комнат", "балкон", "лоджи", "сануз", "ванн", "спальн", "гостин"];
// "метров 50-60": the unit said before the number.
const UNIT_BEFORE = new Set(["метров", "метра", "метраж", "квадратов", "квадрата", "квадратура", "квадратуру"]);
const METRO_WORDS = new Set(["метро", "м", "станции", "остановки", "мцд", "мцк"]);

function plausible(value: number): boolean {
  return value >= 5 && value <= 10_000;
}

export function parseArea(input: SlotInput): number | undefined {
  const { tokens } = input;
  let fallback: [number, number] | undefined;
  for (const [k, match] of openMatches(input)) {
    if (!plausible(match.value)) continue;
    const before = wordsBefore(tokens, match.firstToken, 2);
    const labelled = before.some((w) => startsWithAny(w, TOTAL_WORDS) || UNIT_BEFORE.has(w));
    const isArea = match.unit === "m2" || (match.unit === "m" && !isDistance(input, match.nextToken, before));
    if (!isArea && !(labelled && match.unit === undefined)) continue;
    // A range gives its lower end: the smallest area the client accepts.
    const value = match.rangeWith !== undefined && match.rangeWith < k ? undefined : match.value;
    if (value === undefined) continue;
    if (!labelled && before.some((w) => startsWithAny(w, PART_WORDS))) {
      fallback ??= [k, value];
      continue;
    }
    claim(input, k);
    return value;
  }
  if (fallback) {
    claim(input, fallback[0]);
    return fallback[1];
  }
  return undefined;
}

function claim(input: SlotInput, k: number): void {
  input.claimed.add(k);
  const partner = input.matches[k]?.rangeWith;
  if (partner !== undefined) input.claimed.add(partner);
}

/** "500 метров до метро", "в 300 м от станции": a distance, not an area. */
function isDistance(input: SlotInput, after: number, before: string[]): boolean {
  const next = wordsFrom(input.tokens, after, 3);
  if ((next[0] === "до" || next[0] === "от") && next.slice(1).some((w) => METRO_WORDS.has(w))) return true;
  if (next[0] === "пешком" || next[0] === "ходьбы") return true;
  return before[0] === "в" && (next[0] === "от" || next[0] === "до");
}
