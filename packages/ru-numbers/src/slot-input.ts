// What every slot parser reads: the tokens, the located numbers still unclaimed, the caller's context.
import type { SlotName } from "@wewall/shared";
import type { StationIndex, StationMatch } from "./create-station-index.js";
import type { LocatedMatch } from "./extract-numbers.js";
import type { Token } from "./tokenize.js";

export interface SlotContext {
  stations?: StationIndex;
  /** The slot the bot just asked for: a bare number is read as that slot's value. */
  expect?: SlotName;
  dealType?: "sale" | "rent";
  /** Floors in the building, when known: lets "последний этаж" resolve. */
  floorsTotal?: number;
}

export interface SlotInput {
  tokens: Token[];
  matches: LocatedMatch[];
  /** Indices of matches a parser has already claimed (or that sit inside a station name). */
  claimed: Set<number>;
  context: SlotContext;
  /** A station named in the message: minutes next to it are minutes to the metro. */
  station?: StationMatch;
}

// Look-around stays within a few tokens so a message of punctuation and digits cannot make it quadratic.
const WINDOW = 8;

/** Up to `n` word texts within a few tokens before token `index`, nearest first (punctuation skipped). */
export function wordsBefore(tokens: readonly Token[], index: number, n: number): string[] {
  const out: string[] = [];
  for (let k = index - 1; k >= 0 && k >= index - WINDOW && out.length < n; k--) {
    const token = tokens[k];
    if (token?.type === "word") out.push(token.text);
  }
  return out;
}

/** Up to `n` word texts within a few tokens from token `index` on (punctuation skipped). */
export function wordsFrom(tokens: readonly Token[], index: number, n: number): string[] {
  const out: string[] = [];
  for (let k = index; k < tokens.length && k < index + WINDOW && out.length < n; k++) {
    const token = tokens[k];
    if (token?.type === "word") out.push(token.text);
  }
  return out;
}

/** The last word inside a match: its unit word ("этажей", "минут"). */
export function unitWord(tokens: readonly Token[], match: LocatedMatch): string {
  for (let k = match.nextToken - 1; k >= match.firstToken; k--) {
    const token = tokens[k];
    if (token?.type === "word") return token.text;
  }
  return "";
}

export function startsWithAny(word: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => word.startsWith(p));
}

/** Unclaimed matches with their indices, in text order. */
export function openMatches(input: SlotInput): [number, LocatedMatch][] {
  const out: [number, LocatedMatch][] = [];
  for (let k = 0; k < input.matches.length; k++) {
    const match = input.matches[k];
    if (match && !input.claimed.has(k)) out.push([k, match]);
  }
  return out;
}

export function isWhole(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
