// Scale abbreviations and unit words that may follow a number, and the reader that recognises them.
import type { Token } from "./tokenize.js";

/** Canonical unit names a NumberMatch can carry. */
export type Unit = "m2" | "m" | "rub" | "usd" | "eur" | "min" | "h" | "floor" | "rooms" | "phone";

/** Scale words/abbreviations valid only right after a number; full words like "тысяча" live in the lexicon. */
export const SCALE_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ["тыс", 1000],
  ["тыщ", 1000],
  ["косарь", 1000],
  ["косаря", 1000],
  ["косарей", 1000],
  ["косых", 1000],
  ["кк", 1e6],
  ["kk", 1e6],
  ["млн", 1e6],
  ["лям", 1e6],
  ["ляма", 1e6],
  ["лямов", 1e6],
  ["лямы", 1e6],
  ["ляму", 1e6],
  ["лямом", 1e6],
  ["лямах", 1e6],
  ["млрд", 1e9],
  ["ярд", 1e9],
  ["ярда", 1e9],
  ["ярдов", 1e9],
  ["трлн", 1e12],
]);

// "лям" is said alone ("за лям") as often as after a number.
export const STANDALONE_SCALES = new Set(["лям", "ляма", "ляму", "лямом"]);

const UNIT_WORDS: ReadonlyMap<string, Unit> = new Map<string, Unit>([
  ["м²", "m2"],
  ["m²", "m2"],
  ["квм", "m2"],
  ["кв", "m2"],
  ["квадрат", "m2"],
  ["квадрата", "m2"],
  ["квадратов", "m2"],
  ["квадратах", "m2"],
  ["квадратами", "m2"],
  ["квадратных", "m2"],
  ["квадратным", "m2"],
  ["квадратными", "m2"],
  ["квадратный", "m2"],
  ["метр", "m"],
  ["метра", "m"],
  ["метров", "m"],
  ["метрах", "m"],
  ["метрами", "m"],
  ["метрам", "m"],
  ["метре", "m"],
  ["метры", "m"],
  ["м", "m"],
  ["m", "m"],
  ["руб", "rub"],
  ["рубль", "rub"],
  ["рубля", "rub"],
  ["рублей", "rub"],
  ["рублях", "rub"],
  ["рублями", "rub"],
  ["р", "rub"],
  ["rub", "rub"],
  ["₽", "rub"],
  ["$", "usd"],
  ["usd", "usd"],
  ["долларов", "usd"],
  ["доллара", "usd"],
  ["доллар", "usd"],
  ["баксов", "usd"],
  ["бакса", "usd"],
  ["€", "eur"],
  ["евро", "eur"],
  ["eur", "eur"],
  ["минут", "min"],
  ["минута", "min"],
  ["минуты", "min"],
  ["минуту", "min"],
  ["минутах", "min"],
  ["минуток", "min"],
  ["мин", "min"],
  ["min", "min"],
  ["час", "h"],
  ["часа", "h"],
  ["часов", "h"],
  ["этаж", "floor"],
  ["этаже", "floor"],
  ["этажа", "floor"],
  ["этажей", "floor"],
  ["этажом", "floor"],
  ["этажах", "floor"],
  ["эт", "floor"],
  ["комната", "rooms"],
  ["комнаты", "rooms"],
  ["комнат", "rooms"],
  ["комнатами", "rooms"],
  ["комнатах", "rooms"],
  ["комнатой", "rooms"],
  ["комнату", "rooms"],
  ["комн", "rooms"],
  ["ком", "rooms"],
  ["ккв", "rooms"],
]);

export interface UnitRead {
  unit: Unit;
  /** Token index after the unit. */
  next: number;
  /** A unit that carries a scale: "т.р." = thousand roubles. */
  scale?: number;
}

function isWord(token: Token | undefined, text?: string): token is Token {
  return token !== undefined && token.type === "word" && (text === undefined || token.text === text);
}

function isPunct(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.type === "punct" && token.text === text && !token.space;
}

/** Skips one attached dot (abbreviation mark) at `at`. */
function afterDot(tokens: Token[], at: number): number {
  return isPunct(tokens[at], ".") ? at + 1 : at;
}

/** Reads a unit starting at token `at`; `attached` is true when no space separates it from the number. */
export function readUnit(tokens: Token[], at: number, attached: boolean): UnitRead | null {
  const token = tokens[at];
  if (!token) return null;
  if (token.type === "punct") {
    const unit = UNIT_WORDS.get(token.text);
    return unit && (unit === "rub" || unit === "usd" || unit === "eur") ? { unit, next: at + 1 } : null;
  }
  if (token.type !== "word") return null;
  const text = token.text;
  // "т.р.", "т. р.", "тр": thousand roubles
  if (text === "тр") return { unit: "rub", next: afterDot(tokens, at + 1), scale: 1000 };
  if (text === "т") {
    const dot = afterDot(tokens, at + 1);
    if (isWord(tokens[dot], "р")) return { unit: "rub", next: afterDot(tokens, dot + 1), scale: 1000 };
    return null;
  }
  // "м2", "m2", "кв.м", "кв. м.", "кв метров", "квадратных метров"
  if (text === "м" || text === "m") {
    const next = tokens[at + 1];
    if (next && next.type === "num" && !next.space && next.text === "2") return { unit: "m2", next: at + 2 };
    return { unit: "m", next: afterDot(tokens, at + 1) };
  }
  if (text === "кв" || text.startsWith("квадрат")) {
    let next = afterDot(tokens, at + 1);
    const follow = tokens[next];
    if (isWord(follow) && (follow.text === "м" || follow.text.startsWith("метр"))) next = afterDot(tokens, next + 1);
    if (isWord(tokens[next], "м²")) next++;
    return { unit: "m2", next };
  }
  if (text.startsWith("метр")) {
    const follow = tokens[at + 1];
    if (isWord(follow) && follow.text.startsWith("квадрат")) return { unit: "m2", next: at + 2 };
  }
  if (text === "к" && attached) return { unit: "rooms", next: afterDot(tokens, at + 1) };
  if (text.startsWith("комнатн")) return { unit: "rooms", next: at + 1 };
  const unit = UNIT_WORDS.get(text);
  if (!unit) return null;
  return { unit, next: afterDot(tokens, at + 1) };
}
