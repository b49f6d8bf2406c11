// One linear pass that cuts a message into normalised words, digit literals, phones and single punctuation marks.
import { isDigit, scanDate, scanDigits, scanPhone } from "./scan-digits.js";

export type TokenType = "word" | "num" | "phone" | "punct";

export interface Token {
  type: TokenType;
  /** word: lower-case, ё→е, Latin look-alikes mapped to Cyrillic; num: the raw literal; phone: E.164; punct: the char. */
  text: string;
  start: number;
  end: number;
  /** Whitespace (or nothing at all, for the first token) separates it from the previous token. */
  space: boolean;
  /** num: the value; otherwise 0. */
  value: number;
  /** num: digits after the decimal mark. */
  decimals: number;
  /** num: digits before the decimal mark. */
  intDigits: number;
}

// Latin letters that are typed instead of their Cyrillic twins (keyboard layout slips, spam filters dodging).
const LOOK_ALIKES: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
};

function isLetter(code: number): boolean {
  return (
    (code >= 0x430 && code <= 0x44f) ||
    (code >= 0x410 && code <= 0x42f) ||
    code === 0x451 ||
    code === 0x401 ||
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    code === 0xb2 // '²' belongs to the unit word м²
  );
}

function isSpace(code: number): boolean {
  return code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x3000;
}

function normalizeWord(raw: string): string {
  let hasCyrillic = false;
  let hasLatin = false;
  let needsWork = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0x430 && code <= 0x44f) hasCyrillic = true;
    else if (code >= 97 && code <= 122) hasLatin = true;
    else {
      // upper case, ё/Ё, ²: the rare path
      needsWork = true;
      if (code >= 0x400) hasCyrillic = true;
      else if (code >= 65 && code <= 90) hasLatin = true;
    }
  }
  if (!needsWork && !(hasCyrillic && hasLatin)) return raw;
  const lower = raw.toLowerCase();
  let word = lower.includes("ё") ? lower.replaceAll("ё", "е") : lower;
  if (hasCyrillic && hasLatin) {
    let mapped = "";
    for (const ch of word) mapped += LOOK_ALIKES[ch] ?? ch;
    word = mapped;
  }
  return word;
}

function makeToken(type: TokenType, text: string, start: number, end: number, space: boolean): Token {
  return { type, text, start, end, space, value: 0, decimals: 0, intDigits: 0 };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let space = true;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      space = true;
      i++;
      continue;
    }
    const prevCode = i > 0 ? text.charCodeAt(i - 1) : 32;
    // Phones start with +7, 7, 8 or 9; other digits cannot open one.
    if ((code === 43 || (code >= 55 && code <= 57)) && !isDigit(prevCode) && !isLetter(prevCode)) {
      const phone = scanPhone(text, i);
      if (phone) {
        tokens.push(makeToken("phone", phone.e164, i, phone.end, space));
        i = phone.end;
        space = false;
        continue;
      }
    }
    const dateEnd = isDigit(code) && !isDigit(prevCode) ? scanDate(text, i) : -1;
    if (dateEnd > 0) {
      tokens.push(makeToken("punct", text.slice(i, dateEnd), i, dateEnd, space));
      i = dateEnd;
    } else if (isDigit(code)) {
      const literal = scanDigits(text, i);
      const end = literal ? literal.end : skipDigits(text, i);
      const token = makeToken(literal ? "num" : "punct", text.slice(i, end), i, end, space);
      if (literal) {
        token.value = literal.value;
        token.decimals = literal.decimals;
        token.intDigits = literal.intDigits;
      }
      tokens.push(token);
      i = end;
    } else if (isLetter(code)) {
      let end = i + 1;
      while (end < text.length && isLetter(text.charCodeAt(end))) end++;
      tokens.push(makeToken("word", normalizeWord(text.slice(i, end)), i, end, space));
      i = end;
    } else {
      tokens.push(makeToken("punct", text.charAt(i), i, i + 1, space));
      i++;
    }
    space = false;
  }
  return tokens;
}

function skipDigits(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}
