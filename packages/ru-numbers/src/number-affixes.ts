// The pieces around a number's words: composition rules, scales, "пол-" halves, glued endings ("5-й", "300к").
import { NUMBER_WORDS, type NumberWord } from "./lexicon.js";
import type { NumberKind } from "./read-number.js";
import type { Token } from "./tokenize.js";
import { readUnit, SCALE_ABBREVIATIONS, type Unit } from "./units.js";

export interface Builder {
  total: number;
  group: number;
  /** 0: group empty; 1: after hundreds; 2: after tens; 3: closed (units, teens, digits). */
  slot: 0 | 1 | 2 | 3;
  lastScale: number;
  started: boolean;
  kind: NumberKind;
  scale: number;
}

const ORDINAL_SUFFIX_AFTER_DASH = new Set(
  "й я е го му м ой ий ый ая ое ую ья ье ью ей его ему ом ем ым ого ому ых".split(" "),
);
const ORDINAL_SUFFIX_ATTACHED = new Set("й ий ый ой го ого его ая ья".split(" "));
const CARDINAL_SUFFIX = new Set("х ух ех ти ми".split(" "));

export function isAttachedPunct(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.type === "punct" && !token.space && token.text === text;
}

export function applyScale(b: Builder, scale: number): void {
  b.total += (b.slot === 0 ? 1 : b.group) * scale;
  b.group = 0;
  b.slot = 0;
  b.lastScale = scale;
  b.scale = Math.max(b.scale, scale);
  b.started = true;
}

/** A scale word (full or abbreviated) at `at`, as a value. */
export function scaleAt(tokens: Token[], at: number): number | undefined {
  const token = tokens[at];
  if (!token || token.type !== "word") return undefined;
  const word = NUMBER_WORDS.get(token.text);
  if (word && word.cls === "scale" && !word.ordinal) return word.value;
  return SCALE_ABBREVIATIONS.get(token.text);
}

/** "пол" + scale ("пол миллиона", "пол-тысячи", "полмиллиона"), "полчаса", "пол-литра". */
export function readHalf(tokens: Token[], at: number, b: Builder): { next: number; unit?: Unit } | null {
  const token = tokens[at];
  if (!token || token.type !== "word" || !token.text.startsWith("пол")) return null;
  if (token.text.length > 3) {
    const rest = token.text.slice(3);
    const scale =
      NUMBER_WORDS.get(rest)?.cls === "scale" ? NUMBER_WORDS.get(rest)?.value : SCALE_ABBREVIATIONS.get(rest);
    if (rest === "часа") return { next: at + 1, unit: "h" };
    if (scale === undefined) return null;
    applyScale(b, scale);
    b.total *= 0.5;
    return { next: at + 1 };
  }
  const hyphen = isAttachedPunct(tokens[at + 1], "-");
  const wordAt = hyphen ? at + 2 : at + 1;
  const scale = scaleAt(tokens, wordAt);
  if (scale !== undefined && scale >= 1000) {
    applyScale(b, scale);
    b.total *= 0.5;
    return { next: wordAt + 1 };
  }
  const word = tokens[wordAt];
  // Only "пол-литра" style compounds mean a half; a bare "пол" is the floor.
  if (hyphen && word && word.type === "word" && !word.space) {
    const unit = readUnit(tokens, wordAt, true)?.unit;
    return unit ? { next: wordAt + 1, unit } : { next: wordAt + 1 };
  }
  return null;
}

/** "300к", "300k", "300т": a thousand only glued to a number of at least 10 ("2к" is two rooms). */
export function attachedScale(tokens: Token[], at: number, b: Builder): number | undefined {
  const token = tokens[at];
  const prev = tokens[at - 1];
  if (!token || token.space || !prev || prev.type !== "num" || b.slot !== 3) return undefined;
  if ((token.text === "к" || token.text === "k") && b.group >= 10) return 1000;
  if (token.text === "т" && !isAttachedPunct(tokens[at + 1], ".")) return 1000;
  return undefined;
}

/** "5-й", "5й", "на 3-м", "2-х": the case ending glued to digits. */
export function readDigitSuffix(tokens: Token[], at: number): { next: number; ordinal: boolean } | null {
  const dash = isAttachedPunct(tokens[at], "-");
  const word = tokens[dash ? at + 1 : at];
  if (!word || word.type !== "word" || word.space) return null;
  const next = dash ? at + 2 : at + 1;
  if (CARDINAL_SUFFIX.has(word.text)) return { next, ordinal: false };
  const ordinals = dash ? ORDINAL_SUFFIX_AFTER_DASH : ORDINAL_SUFFIX_ATTACHED;
  return ordinals.has(word.text) ? { next, ordinal: true } : null;
}

export function fits(b: Builder, word: NumberWord): boolean {
  if (word.fraction) return !b.started;
  if (!b.started || b.slot === 0) return word.cls !== "zero" && word.cls !== "scale";
  if (b.slot === 1) return word.cls === "unit" || word.cls === "teen" || word.cls === "ten";
  return b.slot === 2 && word.cls === "unit";
}

export function add(b: Builder, word: NumberWord): void {
  b.group += word.value;
  b.slot = word.cls === "hundred" ? 1 : word.cls === "ten" ? 2 : 3;
  b.started = true;
  if (word.fraction) b.kind = "fraction";
}

/** True when the token at `at` begins a number (used to accept weak words and "минус"). */
export function numberFollows(tokens: Token[], at: number): boolean {
  const token = tokens[at];
  if (!token) return false;
  if (token.type === "num") return true;
  const word = token.type === "word" ? NUMBER_WORDS.get(token.text) : undefined;
  return word !== undefined && !word.weak;
}
