// Property tests: numbers written out in Russian by two independent libraries parse back to the same value.
import numberToWords from "number-to-words-ru";
import { Case, Gender, numeralize } from "numeralize-ru";
import { describe, expect, it } from "vitest";
import { extractNumbers } from "./extract-numbers.js";

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values 0..10^12 with every magnitude equally likely, plus the edges. */
function sample(count: number, seed: number): number[] {
  const next = random(seed);
  const out = [0, 1, 10, 11, 100, 1000, 1001, 1_000_000, 1e12, 999_999_999_999];
  while (out.length < count) out.push(Math.floor(next() * 10 ** Math.floor(next() * 13)));
  return out;
}

// "семью" alone is the noun "family"; the extractor takes it as 7 only inside a compound number.
const AMBIGUOUS = new Set(["семью"]);

function parsedBack(words: string): number[] {
  return extractNumbers(words).map((m) => m.value);
}

const CASES = [Case.Nominative, Case.Genitive, Case.Dative, Case.Accusative, Case.Instrumental, Case.Prepositional];
const GENDERS = [Gender.Masculine, Gender.Feminine, Gender.Neuter];
const DECLENSIONS = ["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"] as const;

describe("numeralize-ru round trip", () => {
  it("2 000 values × 6 cases × 3 genders × animate/inanimate parse back", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const value of sample(2000, 1)) {
      for (const kase of CASES) {
        for (const gender of GENDERS) {
          for (const animate of [false, true]) {
            const words = numeralize(value, gender, kase, animate);
            if (AMBIGUOUS.has(words)) continue;
            checked++;
            const back = parsedBack(words);
            if (back.length !== 1 || back[0] !== value)
              failures.push(`${words} → ${JSON.stringify(back)} (want ${value})`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(70_000);
    expect(failures.slice(0, 10)).toEqual([]);
  });
});

describe("number-to-words-ru round trip", () => {
  const convert = numberToWords.convert;

  it("2 000 integers in 6 declensions parse back", () => {
    const failures: string[] = [];
    for (const value of sample(2000, 2)) {
      for (const declension of DECLENSIONS) {
        const words = convert(value, {
          currency: "number",
          declension,
          showNumberParts: { fractional: false },
          showCurrency: { integer: false },
        });
        if (AMBIGUOUS.has(words.toLowerCase())) continue;
        const back = parsedBack(words);
        if (back.length !== 1 || back[0] !== value) failures.push(`${words} → ${JSON.stringify(back)} (want ${value})`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("1 000 decimals («две целых пять десятых») in 6 declensions parse back", () => {
    const next = random(3);
    const failures: string[] = [];
    for (let n = 0; n < 1000; n++) {
      const value = Math.floor(next() * 10 ** Math.floor(next() * 7)) / 10 ** (1 + Math.floor(next() * 3));
      for (const declension of DECLENSIONS) {
        const words = convert(value, {
          currency: "number",
          declension,
          convertNumberToWords: { integer: true, fractional: true },
        });
        const back = parsedBack(words);
        if (back.length !== 1 || back[0] !== value) failures.push(`${words} → ${JSON.stringify(back)} (want ${value})`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it("money phrases keep the amount: «Одного миллиона двухсот тысяч рублей 00 копеек»", () => {
    for (const value of sample(300, 4)) {
      const words = convert(value, { currency: "rub", declension: "genitive", showNumberParts: { fractional: false } });
      const [first] = extractNumbers(words);
      expect(first?.value, words).toBe(value);
      if (value > 0) expect(first?.unit, words).toBe("rub");
    }
  });
});
