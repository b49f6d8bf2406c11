// floor / floorsTotal: "3/9", "5/9 эт.", "на пятом этаже из девяти", "9-этажный дом", "последний этаж".
import { NUMBER_WORDS } from "./lexicon.js";
import { memoize } from "./memoize.js";
import { isWhole, openMatches, unitWord, wordsBefore, wordsFrom, type SlotInput } from "./slot-input.js";

export interface FloorSlots {
  floor?: number;
  floorsTotal?: number;
}

const TOTAL_CONTEXT = new Set(["дом", "доме", "всего", "в", "из"]);
// "этажей 12", "этажность 9": the building's height named before the number.
const TOTAL_LABELS = new Set(["этажей", "этажность", "этажности", "этажностью", "этажей:"]);

/** -1: not a "-этажный" word; 0: the count stands before it ("9-этажный"); n: "девятиэтажный". */
const storeysWord = memoize((word: string): number => {
  const at = word.indexOf("этаж");
  if (at < 0 || !/^этаж(н|к)/.test(word.slice(at))) return -1;
  if (at === 0) return 0;
  const prefix = word.slice(0, at);
  const value = prefix === "одно" ? 1 : NUMBER_WORDS.get(prefix)?.value;
  return value !== undefined && isWhole(value, 1, 200) ? value : -1;
});

/** "девятиэтажный", "9-этажка": the number of floors in the building from a compound word. */
function compoundTotal(input: SlotInput): number | undefined {
  const { tokens, matches } = input;
  let byNext: Map<number, number> | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (!token || token.type !== "word" || token.text.length < 5) continue;
    const storeys = storeysWord(token.text);
    if (storeys > 0) return storeys;
    if (storeys < 0) continue;
    // "9-этажный", "9 этажный", "девяти этажный": the number right before the word
    byNext ??= new Map(matches.map((m, index) => [m.nextToken, index]));
    const index = byNext.get(k) ?? byNext.get(k - 1);
    const match = index === undefined ? undefined : matches[index];
    if (index !== undefined && match && !match.unit && isWhole(match.value, 1, 200)) {
      input.claimed.add(index);
      return match.value;
    }
  }
  return undefined;
}

function pairTotal(input: SlotInput, index: number): number | undefined {
  const match = input.matches[index];
  const next = input.matches[index + 1];
  if (!match || !next || input.claimed.has(index + 1)) return undefined;
  const between = input.tokens[match.nextToken];
  const joins =
    (between?.type === "punct" && between.text === "/") || (between?.type === "word" && between.text === "из");
  if (!joins || next.firstToken !== match.nextToken + 1 || !isWhole(next.value, 1, 200)) return undefined;
  if (next.value < match.value || (next.unit !== undefined && next.unit !== "floor")) return undefined;
  input.claimed.add(index + 1);
  return next.value;
}

/** "на 2-м или 3-м этаже": an ordinal listed before a floor takes the floor's unit. */
function listsFloor(input: SlotInput, k: number): boolean {
  const match = input.matches[k];
  const next = input.matches[k + 1];
  if (!match || !next || next.unit !== "floor" || next.firstToken - match.nextToken !== 1) return false;
  const between = input.tokens[match.nextToken];
  return between !== undefined && (between.text === "или" || between.text === "," || between.text === "и");
}

export function parseFloor(input: SlotInput): FloorSlots {
  const { tokens, context } = input;
  const slots: FloorSlots = {};
  const total = compoundTotal(input);
  for (const [k, match] of openMatches(input)) {
    if (!isWhole(match.value, -5, 200) || (match.unit !== undefined && match.unit !== "floor")) continue;
    const before = wordsBefore(tokens, match.firstToken, 2);
    if (before[0] === "не") continue;
    const afterFloorWord = before[0] === "этаж" || before[0] === "этаже";
    const word = match.unit === "floor" ? unitWord(tokens, match) : "";
    const totalLabel = !match.unit && TOTAL_LABELS.has(before[0] ?? "");
    if (word === "этажей" || totalLabel || (word === "этажа" && TOTAL_CONTEXT.has(before[0] ?? ""))) {
      input.claimed.add(k);
      if (match.value >= 1) slots.floorsTotal ??= match.value;
      continue;
    }
    if (slots.floor !== undefined) continue;
    const slash = tokens[match.nextToken];
    const isPair = slash?.type === "punct" && slash.text === "/" && !match.unit;
    // "5 из 9" answering "На каком этаже?": the floor and the building's height.
    const answersFloor = context.expect === "floor" && !match.unit && slash?.type === "word" && slash.text === "из";
    if (
      match.unit === "floor" ||
      afterFloorWord ||
      isPair ||
      answersFloor ||
      (match.kind === "ordinal" && (context.expect === "floor" || listsFloor(input, k)))
    ) {
      const pair = pairTotal(input, k);
      if (isPair && pair === undefined) continue;
      input.claimed.add(k);
      slots.floor = match.value;
      if (pair !== undefined) slots.floorsTotal = pair;
    }
  }
  slots.floorsTotal ??= total;
  if (slots.floor === undefined) {
    for (let k = 0; k < tokens.length; k++) {
      const token = tokens[k];
      if (token?.type !== "word" || !token.text.startsWith("последн")) continue;
      const near = [...wordsBefore(tokens, k, 1), ...wordsFrom(tokens, k + 1, 1)];
      const aboutFloor = context.expect === "floor" || near.some((w) => w.startsWith("этаж") || w === "на");
      if (near.includes("не") || !aboutFloor) continue;
      const known = context.floorsTotal ?? slots.floorsTotal;
      if (known !== undefined) slots.floor = known;
      break;
    }
  }
  return slots;
}
