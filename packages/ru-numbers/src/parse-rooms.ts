// rooms: "двушка", "2-к", "2-комнатная", "однокомнатная", "студия" → 0, "трёшка", "3 комнаты".
import { NUMBER_WORDS } from "./lexicon.js";
import { memoize } from "./memoize.js";
import { isWhole, openMatches, wordsBefore, type SlotInput } from "./slot-input.js";

// Colloquial names of flats by room count; matched as word prefixes so every case form counts.
const SLANG: [string, number][] = [
  ["студи", 0],
  ["однушк", 1],
  ["однушечк", 1],
  ["однокомнатн", 1],
  ["однокомн", 1],
  ["евродвушк", 2],
  ["двушк", 2],
  ["двушечк", 2],
  ["двуха", 2],
  ["двухи", 2],
  ["евротрешк", 3],
  ["трешк", 3],
  ["трешечк", 3],
  ["четырешк", 4],
];

const roomsFromWord = memoize((word: string): number | undefined => {
  for (const [prefix, value] of SLANG) if (word.startsWith(prefix)) return value;
  // "двухкомнатная", "трехкомнатную", "пятикомн."
  const at = word.indexOf("комн");
  if (at > 0) {
    const prefix = word.slice(0, at);
    const value = prefix === "одно" ? 1 : NUMBER_WORDS.get(prefix)?.value;
    if (value !== undefined && isWhole(value, 1, 20)) return value;
  }
  return undefined;
});

export function parseRooms(input: SlotInput): number | undefined {
  for (const [k, match] of openMatches(input)) {
    if (match.unit !== "rooms" || !isWhole(match.value, 0, 20)) continue;
    if (wordsBefore(input.tokens, match.firstToken, 1)[0] === "не") continue;
    input.claimed.add(k);
    if (match.rangeWith !== undefined) input.claimed.add(match.rangeWith);
    return match.value;
  }
  // The count after the noun, as corrections are said: "комнат три", "комнаты: 2".
  for (const [k, match] of openMatches(input)) {
    if (match.unit !== undefined || match.kind !== "cardinal" || !isWhole(match.value, 0, 20)) continue;
    if (!wordsBefore(input.tokens, match.firstToken, 1)[0]?.startsWith("комнат")) continue;
    input.claimed.add(k);
    return match.value;
  }
  for (let k = 0; k < input.tokens.length; k++) {
    const token = input.tokens[k];
    if (token?.type !== "word") continue;
    const value = roomsFromWord(token.text);
    if (value !== undefined && wordsBefore(input.tokens, k, 1)[0] !== "не") return value;
  }
  return undefined;
}
