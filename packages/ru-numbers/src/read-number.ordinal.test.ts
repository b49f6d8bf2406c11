// Ordinals built from numeralize-ru cardinals (last word turned ordinal, in several cases) parse back.
import { numeralize } from "numeralize-ru";
import { describe, expect, it } from "vitest";
import { extractNumbers } from "./extract-numbers.js";

// Ordinal stem of each cardinal that can end a number below a thousand.
const STEMS: Record<string, string> = {
  ноль: "нулев",
  один: "перв",
  два: "втор",
  четыре: "четверт",
  пять: "пят",
  шесть: "шест",
  семь: "седьм",
  восемь: "восьм",
  девять: "девят",
  десять: "десят",
  одиннадцать: "одиннадцат",
  двенадцать: "двенадцат",
  тринадцать: "тринадцат",
  четырнадцать: "четырнадцат",
  пятнадцать: "пятнадцат",
  шестнадцать: "шестнадцат",
  семнадцать: "семнадцат",
  восемнадцать: "восемнадцат",
  девятнадцать: "девятнадцат",
  двадцать: "двадцат",
  тридцать: "тридцат",
  сорок: "сороков",
  пятьдесят: "пятидесят",
  шестьдесят: "шестидесят",
  семьдесят: "семидесят",
  восемьдесят: "восьмидесят",
  девяносто: "девяност",
  сто: "сот",
  двести: "двухсот",
  триста: "трехсот",
  четыреста: "четырехсот",
  пятьсот: "пятисот",
  шестьсот: "шестисот",
  семьсот: "семисот",
  восемьсот: "восьмисот",
  девятьсот: "девятисот",
};
const HARD = ["ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ые", "ых"];
const THIRD = ["третий", "третьего", "третьему", "третьим", "третьем", "третья", "третьей", "третью", "третьи"];

function ordinalForms(value: number): string[] {
  const words = numeralize(value).split(" ");
  const last = words.pop() ?? "";
  const head = words.length > 0 ? `${words.join(" ")} ` : "";
  if (last === "три") return THIRD.map((form) => head + form);
  const stem = STEMS[last];
  return stem === undefined ? [] : HARD.map((ending) => head + stem + ending);
}

describe("ordinal round trip", () => {
  it("every ordinal 0..1100 and random ones up to 10^9 (not ending in a round thousand) in 10 endings", () => {
    const values = Array.from({ length: 1101 }, (_, k) => k);
    for (let seed = 1; values.length < 3000; seed++) values.push((seed * 2_654_435_761) % 1e9);
    const failures: string[] = [];
    let checked = 0;
    for (const value of values) {
      if (value >= 1000 && value % 1000 === 0) continue; // "двухтысячный" is one compound word: not covered
      for (const phrase of ordinalForms(value)) {
        checked++;
        const found = extractNumbers(`на ${phrase}`);
        if (found.length !== 1 || found[0]?.value !== value || found[0]?.kind !== "ordinal") {
          failures.push(`${phrase} → ${JSON.stringify(found.map((m) => [m.value, m.kind]))}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(25_000);
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
