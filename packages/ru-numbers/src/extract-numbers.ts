// Finds every number in a Russian message, in text order, with its span, kind, scale, unit and range partner.
import { NUMBER_WORDS } from "./lexicon.js";
import { linkRanges } from "./link-ranges.js";
import { PLURAL_SCALES, readNumber, type NumberKind } from "./read-number.js";
import { tokenize, type Token } from "./tokenize.js";
import { readUnit, STANDALONE_SCALES, type Unit } from "./units.js";

export type { NumberKind } from "./read-number.js";
export type { Unit } from "./units.js";

export interface NumberMatch {
  value: number;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  kind: NumberKind;
  /** A scale word or abbreviation (тыс, млн, к…) multiplied the value. */
  scaled: boolean;
  unit?: Unit;
  /** Index (in the returned array) of the other end of a range: "от 10 до 15 млн", "10-15 млн". */
  rangeWith?: number;
}

/** A match with the token positions slot parsers need to look around it. */
export interface LocatedMatch extends NumberMatch {
  /** First token of the match (a currency sign before the number included). */
  firstToken: number;
  /** Token index right after the match, unit included. */
  nextToken: number;
  /** The largest scale applied (1 when none). */
  scale: number;
}

export interface Analysis {
  tokens: Token[];
  matches: LocatedMatch[];
}

const PREFIX_CURRENCY: Record<string, Unit> = { $: "usd", "€": "eur", "₽": "rub" };

function readTrailingUnit(tokens: Token[], at: number): ReturnType<typeof readUnit> {
  const token = tokens[at];
  if (!token) return null;
  const direct = readUnit(tokens, at, !token.space);
  if (direct) return direct;
  // "2-к", "2-комнатная", "2-ккв"
  const word = tokens[at + 1];
  if (token.type === "punct" && token.text === "-" && !token.space && word && word.type === "word" && !word.space) {
    const unit = readUnit(tokens, at + 1, true);
    if (unit && unit.unit === "rooms") return unit;
  }
  return null;
}

// "минут десять", "метров 50": the unit said first, as an estimate; only when no other number owns it.
const UNITS_BEFORE = new Map<string, Unit>([
  ["минут", "min"],
  ["минуты", "min"],
  ["метров", "m"],
  ["метра", "m"],
  ["квадратов", "m2"],
  ["квадрата", "m2"],
]);

function unitBefore(tokens: Token[], i: number): Unit | undefined {
  const word = tokens[i - 1];
  const owner = tokens[i - 2];
  if (!word || word.type !== "word") return undefined;
  if (owner && (owner.type === "num" || (owner.type === "word" && NUMBER_WORDS.has(owner.text)))) return undefined;
  return UNITS_BEFORE.get(word.text);
}

function mayStartNumber(word: string): boolean {
  return (
    NUMBER_WORDS.has(word) ||
    STANDALONE_SCALES.has(word) ||
    PLURAL_SCALES.has(word) ||
    word.startsWith("пол") ||
    word === "минус"
  );
}

/** "-1 этаж": a minus glued to digits, not a range dash after another number. */
function isMinus(tokens: Token[], i: number): boolean {
  const token = tokens[i];
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  if (!token || token.type !== "punct" || token.text !== "-" || !next || next.type !== "num" || next.space)
    return false;
  return (token.space || i === 0) && prev?.type !== "num";
}

function matchAt(tokens: Token[], i: number): LocatedMatch | null {
  const token = tokens[i];
  if (!token) return null;
  if (token.type === "phone") {
    const value = Number(token.text.slice(1));
    return {
      value,
      start: token.start,
      end: token.end,
      kind: "cardinal",
      scaled: false,
      unit: "phone",
      firstToken: i,
      nextToken: i + 1,
      scale: 1,
    };
  }
  // Most words are not numbers: reject them before building any state.
  if (token.type === "word" && !mayStartNumber(token.text)) return null;
  const negative = isMinus(tokens, i);
  if (token.type === "punct" && token.text !== "$" && token.text !== "€" && !negative) return null;
  const prefix = token.type === "punct" ? PREFIX_CURRENCY[token.text] : undefined;
  const numberAt = prefix || negative ? i + 1 : i;
  if ((prefix || negative) && tokens[numberAt]?.type !== "num") return null;
  const read = readNumber(tokens, numberAt);
  if (!read) return null;
  let value = negative ? -read.value : read.value;
  let scale = read.scale;
  let unit = prefix ?? read.unit;
  let next = read.next;
  if (!unit) {
    const trailing = readTrailingUnit(tokens, next);
    if (trailing) {
      unit = trailing.unit;
      next = trailing.next;
      if (trailing.scale !== undefined && scale === 1) {
        value *= trailing.scale;
        scale = trailing.scale;
      }
    }
  }
  unit ??= unitBefore(tokens, i);
  const last = tokens[next - 1] ?? token;
  const match: LocatedMatch = {
    value,
    start: token.start,
    end: last.end,
    kind: read.kind,
    scaled: scale > 1,
    firstToken: i,
    nextToken: next,
    scale,
  };
  if (unit) match.unit = unit;
  return match;
}

/** Tokens and located matches; the slot parsers build on this. */
export function analyze(text: string): Analysis {
  const tokens = tokenize(text);
  const matches: LocatedMatch[] = [];
  let i = 0;
  while (i < tokens.length) {
    const match = matchAt(tokens, i);
    if (match) {
      matches.push(match);
      i = Math.max(match.nextToken, i + 1);
    } else i++;
  }
  linkRanges(tokens, matches);
  return { tokens, matches };
}

export function extractNumbers(text: string): NumberMatch[] {
  return analyze(text).matches.map((m) => {
    const out: NumberMatch = { value: m.value, start: m.start, end: m.end, kind: m.kind, scaled: m.scaled };
    if (m.unit !== undefined) out.unit = m.unit;
    if (m.rangeWith !== undefined) out.rangeWith = m.rangeWith;
    return out;
  });
}
