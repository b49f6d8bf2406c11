// Table-driven checks of the extractor, one table per category of the issue, from real client phrasing.
import { describe, expect, it } from "vitest";
import { extractNumbers, type NumberMatch } from "./extract-numbers.js";

const values = (text: string): number[] => extractNumbers(text).map((m) => m.value);
const only = (text: string): NumberMatch => {
  const found = extractNumbers(text);
  expect(found, text).toHaveLength(1);
  const [match] = found;
  if (!match) throw new Error("unreachable");
  return match;
};

describe("digits with Russian separators", () => {
  it.each([
    ["бюджет 12 500 000", [12_500_000]],
    ["12 500 000,50 руб", [12_500_000.5]],
    ["цена 1.500.000", [1_500_000]],
    ["аренда 20.000 руб.", [20_000]],
    ["площадь 12,5", [12.5]],
    ["потолки 2.5", [2.5]],
    ["1,500", [1500]],
    ["12\u00a0500\u00a0000 ₽", [12_500_000]],
    ["3 комнаты 45 метров", [3, 45]],
    ["2024 год", [2024]],
    ["въезд 12.05.2024", []], // a date is not a quantity
    ["1,2,3 этаж", [1, 2, 3]], // a list, not 1.2
    ["в 10:30", [10, 30]],
  ])("%s", (text, expected) => expect(values(text)).toEqual(expected));
});

describe("words in every case and gender", () => {
  it.each([
    ["двести пятьдесят четыре", 254],
    ["двумястами", 200],
    ["трёх", 3],
    ["трех", 3],
    ["одной тысячей двумястами одиннадцатью", 1211],
    ["две тысячи двадцать четыре", 2024],
    ["ноль", 0],
    ["двe", 2], // Latin e
    ["сoрок пять", 45], // Latin o
    ["ДВАДЦАТЬ ОДНА", 21],
    ["пятсот", 500], // soft sign dropped
    ["одинадцать", 11],
    ["два милиона", 2_000_000],
    ["девятьюстами девяноста девятью", 999],
    ["семьюдесятью", 70],
  ])("%s → %d", (text, expected) => expect(values(text)).toEqual([expected]));
});

describe("fractions and decimals in words", () => {
  it.each([
    ["полтора", 1.5, "fraction"],
    ["полторы тысячи", 1500, "fraction"],
    ["две целых пять десятых", 2.5, "decimal"],
    ["сорок два с половиной", 42.5, "fraction"],
    ["пять десятых", 0.5, "fraction"],
    ["три целых двадцать пять сотых", 3.25, "decimal"],
    ["две целых пять", 2.5, "decimal"],
    ["пол-литра", 0.5, "fraction"],
    ["полмиллиона", 500_000, "fraction"],
    ["пол миллиона", 500_000, "fraction"],
    ["миллион с половиной", 1_500_000, "fraction"],
  ])("%s → %d (%s)", (text, value, kind) => expect(only(text)).toMatchObject({ value, kind }));

  it("a bare «пол» is the floor, not a half", () => {
    expect(values("пол в квартире ламинат")).toEqual([]);
  });
});

describe("scale words and abbreviations", () => {
  it.each([
    ["300 тыс", 300_000],
    ["300 тыс.", 300_000],
    ["15 т.р.", 15_000],
    ["300к", 300_000],
    ["300k", 300_000],
    ["12 млн", 12_000_000],
    ["12 млн.", 12_000_000],
    ["3 ляма", 3_000_000],
    ["за лям", 1_000_000],
    ["два миллиона", 2_000_000],
    ["1 млрд", 1e9],
    ["5кк", 5_000_000],
    ["2 млн 300 тыс", 2_300_000],
    ["2,5 млн", 2_500_000],
    ["полтора миллиона", 1_500_000],
    ["12 тысяч 500 рублей", 12_500],
    ["2 миллиона триста тысяч", 2_300_000],
    ["пятьдесят косарей", 50_000],
    ["миллионов двенадцать", 12_000_000], // inverted order: an estimate
  ])("%s → %d", (text, expected) => expect(only(text)).toMatchObject({ value: expected, scaled: true }));

  it("«2к» is two rooms, not two thousand", () => {
    expect(only("2к квартира")).toMatchObject({ value: 2, unit: "rooms", scaled: false });
  });
});

describe("ordinals in all cases", () => {
  it.each([
    ["третий", 3],
    ["на пятом", 5],
    ["двадцать первого", 21],
    ["на сто десятом", 110],
    ["в две тысячи двадцать четвертом", 2024],
    ["седьмую", 7],
    ["на 5-м этаже", 5],
    ["5-й этаж", 5],
    ["3ий", 3],
    ["дом двухтысячного года", 2000],
    ["в двухтысячном", 2000],
    ["стотысячный", 100_000],
  ])("%s → %d", (text, expected) => expect(only(text)).toMatchObject({ value: expected, kind: "ordinal" }));
});

describe("units and currency", () => {
  it.each([
    ["45м2", 45, "m2"],
    ["45 м²", 45, "m2"],
    ["45 кв.м", 45, "m2"],
    ["45 кв. м.", 45, "m2"],
    ["45 квадратов", 45, "m2"],
    ["45 квадратных метров", 45, "m2"],
    ["сорок пять метров", 45, "m"],
    ["5000₽", 5000, "rub"],
    ["5000 руб", 5000, "rub"],
    ["5000 рублей", 5000, "rub"],
    ["$1000", 1000, "usd"],
    ["1000$", 1000, "usd"],
    ["10 минут", 10, "min"],
    ["2-комнатная", 2, "rooms"],
    ["2-х комнатная", 2, "rooms"],
    ["9 этажей", 9, "floor"],
    ["минут десять", 10, "min"],
  ])("%s → %d %s", (text, value, unit) => expect(only(text)).toMatchObject({ value, unit }));

  it("spans cover the number and its unit in the original text", () => {
    const text = "Ищу двушку 45 кв.м за 12,5 млн руб";
    expect(extractNumbers(text).map((m) => text.slice(m.start, m.end))).toEqual(["45 кв.м", "12,5 млн руб"]);
  });
});

describe("composition follows grammar", () => {
  it.each([
    ["тысяча сто", [1100]],
    ["двадцать два", [22]],
    ["сто двести триста", [100, 200, 300]],
    ["двадцать тридцать", [20, 30]],
    ["пять шесть", [5, 6]],
    ["сто, двести", [100, 200]],
    ["двадцать 5", [20, 5]],
    ["на семью из четырех", [4]],
    ["несколько тысяч", []], // a genitive plural scale cannot start a number
    ["двадцатью семью", [27]],
  ])("%s → %j", (text, expected) => expect(values(text)).toEqual(expected));
});

describe("ranges", () => {
  it("«от 10 до 15 млн» shares the scale", () => {
    const [low, high] = extractNumbers("от 10 до 15 млн");
    expect(low).toMatchObject({ value: 10_000_000, scaled: true, rangeWith: 1 });
    expect(high).toMatchObject({ value: 15_000_000, rangeWith: 0 });
  });
  it.each([
    ["10-15 млн", [10_000_000, 15_000_000]],
    ["10 – 15 млн", [10_000_000, 15_000_000]],
    ["от 800 до 1,2 млн", [800_000, 1_200_000]],
    ["от 500 тыс до 1,5 млн", [500_000, 1_500_000]],
    ["40-50 м2", [40, 50]],
    ["от 9 млн до 11", [9_000_000, 11_000_000]],
  ])("%s → %j", (text, expected) => {
    const found = extractNumbers(text);
    expect(found.map((m) => m.value)).toEqual(expected);
    expect(found[0]?.rangeWith).toBe(1);
    expect(found[0]?.unit).toBe(found[1]?.unit);
  });
});

describe("negative numbers", () => {
  it.each([
    ["-1 этаж", [-1]],
    ["минус второй", [-2]],
    ["10 -15 млн", [10_000_000, 15_000_000]],
  ])("%s → %j", (text, expected) => expect(values(text)).toEqual(expected));
});

describe("phones are one number, not thousands groups", () => {
  it.each([
    ["8 (916) 123-45-67", 79161234567],
    ["+7 916 1234567", 79161234567],
    ["89161234567", 79161234567],
    ["+7(916)123-45-67", 79161234567],
    ["916 123 45 67", 79161234567],
  ])("%s", (text, expected) => expect(only(text)).toMatchObject({ value: expected, unit: "phone" }));

  it("grouped money is not a phone", () => {
    expect(only("80 000 000 000")).toMatchObject({ value: 80e9 });
  });
});

describe("garbage never throws", () => {
  it.each([
    ["", []],
    ["\u0000\u0001\u0007 12 \u001b[0m", [12, 0]],
    ["🙂🙂 3 комнаты 🏠", [3]],
    ["".padEnd(50, "9"), []],
    ["---...,,,///", []],
    ["Schön 42 日本", [42]],
  ])("%j", (text, expected) => expect(values(text)).toEqual(expected));

  it("returns on a 1 MB garbage string (one pass, no backtracking)", () => {
    const pieces = [
      "пол",
      "-",
      "сто",
      " ",
      "1",
      ".",
      "000",
      ",",
      "5",
      "🙂",
      "\u0000",
      "к",
      "тыс",
      "семью",
      "целых",
      "+7",
      "(",
    ];
    let text = "";
    let seed = 7;
    while (text.length < 1_000_000) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += pieces[seed % pieces.length];
    }
    const found = extractNumbers(text);
    expect(found.length).toBeGreaterThan(1000);
    expect(found.every((m) => Number.isFinite(m.value) && m.end <= text.length)).toBe(true);
  });
});
