// Reads one number (digits and/or words) from a token position, composing words only where Russian grammar does.
import { NUMBER_WORDS, type NumberWord } from "./lexicon.js";
import {
  add,
  applyScale,
  fits,
  numberFollows,
  attachedScale,
  isAttachedPunct,
  readDigitSuffix,
  readHalf,
  scaleAt,
  type Builder,
} from "./number-affixes.js";
import type { Token } from "./tokenize.js";
import { readUnit, SCALE_ABBREVIATIONS, STANDALONE_SCALES, type Unit } from "./units.js";

export type NumberKind = "cardinal" | "ordinal" | "decimal" | "fraction";

export interface ReadNumber {
  value: number;
  kind: NumberKind;
  /** The largest scale applied (1 when none). */
  scale: number;
  /** Token index after the number. */
  next: number;
  unit?: Unit;
}

const INTEGER_PART = new Set("целых целая целой целую целым целыми целое".split(" "));
const HALF = new Map([
  ["половиной", 0.5],
  ["половинкой", 0.5],
  ["четвертью", 0.25],
]);

// Genitive plurals cannot start a number; before a numeral they invert it as an estimate: "миллионов двенадцать".
export const PLURAL_SCALES: ReadonlyMap<string, number> = new Map([
  ["тысяч", 1000],
  ["тыщ", 1000],
  ["косарей", 1000],
  ["миллионов", 1e6],
  ["милионов", 1e6],
  ["лямов", 1e6],
  ["миллиардов", 1e9],
]);

function readInverted(tokens: Token[], at: number, scale: number, decimalWords: boolean): ReadNumber | null {
  if (!numberFollows(tokens, at + 1)) return null;
  const inner = readNumber(tokens, at + 1, decimalWords);
  if (!inner || inner.scale !== 1 || inner.kind === "ordinal") return null;
  return { value: inner.value * scale, kind: inner.kind, scale, next: inner.next };
}

/** Reads the number starting at token `at`, or null when none starts there. */
export function readNumber(tokens: Token[], at: number, decimalWords = true): ReadNumber | null {
  const b: Builder = { total: 0, group: 0, slot: 0, lastScale: Infinity, started: false, kind: "cardinal", scale: 1 };
  let j = at;
  let sign = 1;
  let unit: Unit | undefined;
  const first = tokens[at];
  if (first && first.type === "word" && first.text === "минус" && numberFollows(tokens, at + 1)) {
    sign = -1;
    j++;
  }
  const inverted = PLURAL_SCALES.get(tokens[j]?.text ?? "");
  if (inverted !== undefined && tokens[j]?.type === "word") return readInverted(tokens, j, inverted, decimalWords);
  const half = readHalf(tokens, j, b);
  if (half) {
    b.started = true;
    b.kind = "fraction";
    if (b.total === 0) b.group = 0.5;
    b.slot = 3;
    j = half.next;
    unit = half.unit;
  }
  for (let guard = 0; guard < 64; guard++) {
    const t = tokens[j];
    const step =
      t?.type === "num" ? stepDigits(b, tokens, j) : t?.type === "word" ? stepWord(b, tokens, j, decimalWords) : null;
    if (!step) break;
    j = step.next;
    if (step.stop) break;
  }
  if (!b.started) return null;
  const raw = sign * (b.total + b.group);
  // Float noise from 2.3 × 10^6 and similar; whole units for big values, micro-units below.
  const value = Math.abs(raw) >= 1e9 ? Math.round(raw) : Math.round(raw * 1e6) / 1e6;
  const result: ReadNumber = { value, kind: b.kind, scale: b.scale, next: j };
  if (unit) result.unit = unit;
  return result;
}

/** Where the reader goes after a token: `next` token, and whether the number ends there. */
interface Step {
  next: number;
  stop: boolean;
}

function stepDigits(b: Builder, tokens: Token[], j: number): Step | null {
  const t = tokens[j];
  if (!t) return null;
  if (!b.started) {
    b.group = t.value;
    b.slot = 3;
    b.started = true;
    if (t.decimals > 0) b.kind = "decimal";
    const suffix = readDigitSuffix(tokens, j + 1);
    if (suffix?.ordinal) b.kind = "ordinal";
    return { next: suffix ? suffix.next : j + 1, stop: suffix?.ordinal === true };
  }
  // After a scale only a smaller part composes: "2 млн 300 тыс", "12 тысяч 500 рублей", not "300 тыс 200 метров".
  if (b.slot !== 0 || b.lastScale === Infinity || !t.space || t.decimals > 0 || t.value >= b.lastScale) return null;
  const nextScale = scaleAt(tokens, j + 1);
  const nextUnit = readUnit(tokens, j + 1, false)?.unit;
  const threeDigitTail = b.lastScale === 1000 && t.intDigits === 3 && (nextUnit === undefined || nextUnit === "rub");
  if ((nextScale === undefined || nextScale >= b.lastScale) && !threeDigitTail) return null;
  b.group = t.value;
  b.slot = 3;
  return { next: j + 1, stop: false };
}

function stepOrdinal(b: Builder, word: NumberWord, j: number): Step | null {
  if (word.compound && !b.started) {
    b.group = word.value;
    b.started = true;
    b.slot = 3;
    b.kind = "ordinal";
    return { next: j + 1, stop: true };
  }
  if (word.compound && word.denominator === undefined) return null;
  // "пять десятых" is a fraction, "сто десятых" the 110th: the ordinal wins where it composes.
  const fraction = word.denominator !== undefined && b.started && b.lastScale === Infinity;
  if (fraction && b.kind === "cardinal" && (word.cls === "scale" || !fits(b, word))) {
    b.group /= word.denominator ?? 1;
    b.kind = "fraction";
    return { next: j + 1, stop: true };
  }
  if (word.cls === "scale" && b.started && b.slot !== 0 && word.value < b.lastScale) applyScale(b, word.value);
  else if (word.cls === "zero" && !b.started) {
    b.started = true;
    b.slot = 3;
  } else if (fits(b, word)) add(b, word);
  else return null;
  b.kind = "ordinal";
  return { next: j + 1, stop: true };
}

function stepNumberWord(b: Builder, tokens: Token[], j: number, word: NumberWord): Step | null {
  const composes =
    numberFollows(tokens, j + 1) || scaleAt(tokens, j + 1) !== undefined || INTEGER_PART.has(tokens[j + 1]?.text ?? "");
  if (word.weak && !b.started && !composes) return null;
  if (word.ordinal) return stepOrdinal(b, word, j);
  if (word.cls === "scale") {
    if (word.value >= b.lastScale) return null;
    applyScale(b, word.value);
  } else if (word.cls === "zero") {
    if (b.started) return null;
    b.started = true;
    b.slot = 3;
  } else if (fits(b, word)) add(b, word);
  else return null;
  return { next: j + 1, stop: false };
}

function stepWord(b: Builder, tokens: Token[], j: number, decimalWords: boolean): Step | null {
  const t = tokens[j];
  if (!t) return null;
  const word = NUMBER_WORDS.get(t.text);
  if (word) return stepNumberWord(b, tokens, j, word);
  const abbreviation = SCALE_ABBREVIATIONS.get(t.text) ?? attachedScale(tokens, j, b);
  if (abbreviation !== undefined && abbreviation < b.lastScale && (b.started || STANDALONE_SCALES.has(t.text))) {
    applyScale(b, abbreviation);
    return { next: isAttachedPunct(tokens[j + 1], ".") ? j + 2 : j + 1, stop: false };
  }
  const addend = t.text === "с" && b.started ? HALF.get(tokens[j + 1]?.text ?? "") : undefined;
  if (addend !== undefined && tokens[j + 1]?.type === "word") {
    if (b.slot === 0) b.total += addend * b.lastScale;
    else b.group += addend;
    if (b.kind === "cardinal") b.kind = "fraction";
    return { next: j + 2, stop: false };
  }
  if (decimalWords && INTEGER_PART.has(t.text) && b.started) {
    const numerator = readNumber(tokens, j + 1, false);
    if (!numerator || numerator.kind === "ordinal") return null;
    // "две целых пять десятых" brings its denominator; "две целых пять" means 2.5
    const fraction =
      numerator.kind === "fraction" ? numerator.value : numerator.value / 10 ** String(numerator.value).length;
    b.group += fraction;
    b.kind = "decimal";
    return { next: numerator.next, stop: false };
  }
  return null;
}
