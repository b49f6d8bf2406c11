// Character-level scanners for digit literals (Russian grouping and decimal marks) and Russian phone numbers.

export interface DigitLiteral {
  end: number;
  value: number;
  /** Digits after the decimal mark; 0 for integers. */
  decimals: number;
  /** Digits before the decimal mark, separators excluded. */
  intDigits: number;
}

export interface PhoneLiteral {
  end: number;
  /** E.164, e.g. +79161234567. */
  e164: string;
}

// Longer runs are identifiers or garbage, not quantities: reading them as numbers would only lose precision.
const MAX_DIGITS = 18;

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isGroupSpace(code: number): boolean {
  return code === 32 || code === 0xa0 || code === 0x202f || code === 0x2009;
}

function digitRunEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Exactly three digits at `at`, not followed by a fourth. */
function threeDigitsAt(text: string, at: number): boolean {
  return digitRunEnd(text, at) - at === 3;
}

/** Reads the digit literal starting at `start` (a digit). Returns null for absurdly long runs. */
export function scanDigits(text: string, start: number): DigitLiteral | null {
  let end = digitRunEnd(text, start);
  let intText = text.slice(start, end);
  // A grouped literal starts with 1-3 digits; a lone separator before exactly three digits groups thousands.
  let separator = "";
  if (intText.length <= 3) {
    for (;;) {
      const ch = text.charAt(end);
      const code = text.charCodeAt(end);
      const isSep = isGroupSpace(code) || ch === "." || ch === ",";
      const sepKind = isGroupSpace(code) ? " " : ch;
      if (!isSep || (separator !== "" && separator !== sepKind) || !threeDigitsAt(text, end + 1)) break;
      intText += text.slice(end + 1, end + 4);
      separator = sepKind;
      end += 4;
      if (intText.length > MAX_DIGITS) return null;
    }
  }
  let decimals = 0;
  let fracText = "";
  const mark = text.charAt(end);
  if ((mark === "," || mark === ".") && mark !== separator && isDigit(text.charCodeAt(end + 1))) {
    const fracEnd = digitRunEnd(text, end + 1);
    // "1,2,3 этаж" is a list, not 1.2 and 3
    const listBefore = text.charAt(start - 1) === mark && isDigit(text.charCodeAt(start - 2));
    const listAfter = text.charAt(fracEnd) === mark && isDigit(text.charCodeAt(fracEnd + 1));
    if (listAfter || listBefore) return { end, value: Number(intText), decimals: 0, intDigits: intText.length };
    fracText = text.slice(end + 1, fracEnd);
    decimals = fracText.length;
    end = fracEnd;
  }
  if (intText.length > MAX_DIGITS || decimals > MAX_DIGITS) return null;
  const value = Number(decimals > 0 ? `${intText}.${fracText}` : intText);
  return { end, value, decimals, intDigits: intText.length };
}

function isPhoneSeparator(code: number): boolean {
  // space, nbsp, '-', '(', ')', en dash
  return code === 32 || code === 0xa0 || code === 45 || code === 40 || code === 41 || code === 0x2013;
}

/**
 * Reads a Russian mobile/landline number at `start` ('+' or a digit): +7 916 123-45-67, 8 (916) 1234567, 89161234567,
 * 916 123 45 67. The first group's length must look like a phone's, so grouped money (80 000 000 000) is not taken.
 */
export function scanPhone(text: string, start: number): PhoneLiteral | null {
  let i = start;
  const plus = text.charAt(i) === "+";
  if (plus) i++;
  let digits = "";
  let firstGroup = 0;
  let end = -1;
  let separators = 0;
  while (digits.length < 11) {
    const groupStart = i;
    const groupEnd = digitRunEnd(text, i);
    if (groupEnd === groupStart) return null;
    digits += text.slice(groupStart, groupEnd);
    if (firstGroup === 0) firstGroup = groupEnd - groupStart;
    end = groupEnd;
    if (digits.length >= 10) break;
    let j = groupEnd;
    let gap = 0;
    while (j < text.length && isPhoneSeparator(text.charCodeAt(j)) && gap < 3) {
      j++;
      gap++;
    }
    if (gap === 0 || !isDigit(text.charCodeAt(j))) return null;
    separators++;
    i = j;
  }
  if (separators > 6) return null;
  const first = digits.charAt(0);
  if (digits.length === 11 && (first === "7" || (first === "8" && !plus)) && [1, 4, 11].includes(firstGroup)) {
    return { end, e164: `+7${digits.slice(1)}` };
  }
  if (digits.length === 10 && first === "9" && !plus && (firstGroup === 3 || firstGroup === 10)) {
    return { end, e164: `+7${digits}` };
  }
  return null;
}

/** End of a date such as 12.05.2024 or 01.06.23 at `start`, or -1: dates are not quantities. */
export function scanDate(text: string, start: number): number {
  const day = digitRunEnd(text, start);
  if (day - start < 1 || day - start > 2 || text.charAt(day) !== ".") return -1;
  const month = digitRunEnd(text, day + 1);
  if (month - day - 1 < 1 || month - day - 1 > 2 || text.charAt(month) !== ".") return -1;
  const year = digitRunEnd(text, month + 1);
  const yearDigits = year - month - 1;
  return yearDigits === 2 || yearDigits === 4 ? year : -1;
}
