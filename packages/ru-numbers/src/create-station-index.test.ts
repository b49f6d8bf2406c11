// Station look-up over the real hh.ru metro list: every name, case forms, shortenings, cues, and linear scanning.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createStationIndex } from "./create-station-index.js";
import { loadStationsCsv } from "./load-stations-csv.js";
import { dataDir } from "./run-cli.js";

const list = loadStationsCsv(readFileSync(resolve(dataDir([]), "moscow_metro_stations_hh_2026.csv"), "utf8"));
const index = createStationIndex(list);
const names = (text: string): string[] => index.find(text).map((m) => m.name);

describe("loadStationsCsv", () => {
  it("reads every row of the hh.ru file with its line", () => {
    expect(list).toHaveLength(452);
    expect(list).toContainEqual({ name: "Октябрьская", line: "Кольцевая" });
    expect(index.size).toBe(357);
  });

  it("honours quoted fields and a BOM", () => {
    const csv = '\uFEFFstation_id,station_name,line_id,line_name\n1.1,"Парк ""культуры""",1,"Линия, 1"\n';
    expect(loadStationsCsv(csv)).toEqual([{ name: 'Парк "культуры"', line: "Линия, 1" }]);
  });

  it("rejects a file without station names", () => {
    expect(() => loadStationsCsv("a,b\n1,2")).toThrow(/station_name/);
  });
});

describe("createStationIndex", () => {
  it("finds every station of the file after «метро»", () => {
    const missed = list
      .map((s) => s.name.trim())
      .filter((name) => !name.includes("("))
      .filter((name) => names(`метро ${name}`)[0] !== name);
    expect(missed).toEqual([]);
  });

  it.each([
    ["у Таганской", "Таганская"],
    ["м. Таганская", "Таганская"],
    ["м Таганская", "Таганская"],
    ["на Бауманской", "Бауманская"],
    ["Парк культуры", "Парк культуры"],
    ["в парке культуры", "Парк культуры"],
    ["у ВДНХ", "ВДНХ"],
    ["Китай-город", "Китай-город"],
    ["китай город", "Китай-город"],
    ["у китай-города", "Китай-город"],
    ["на щёлковской", "Щелковская"],
    ["в Текстильщиках", "Текстильщики"],
    ["у Сокольников", "Сокольники"],
    ["недалеко от Новых Черёмушек", "Новые Черемушки"],
    ["библиотека имени Ленина", "Библиотека им.Ленина"],
    ["пр. Мира", "Проспект Мира"],
    ["на Вернадского", "Проспект Вернадского"],
    ["ул. 1905 года", "Улица 1905 года"],
    ["Выставочная", "Деловой центр (Выставочная)"],
    ["Таганка", "Таганская"],
    ["в Марьиной роще", "Марьина Роща"],
    ["Марьино", "Марьино"],
    ["Аэропорт Внуково", "Аэропорт Внуково"],
  ])("%s → %s", (text, name) => expect(names(text)).toEqual([name]));

  it("names that are everyday words or towns need a metro cue", () => {
    expect(names("хорошее место для отдыха")).toEqual([]);
    expect(names("квартира в Химках")).toEqual([]);
    expect(names("спортивная площадка во дворе")).toEqual([]);
    expect(names("у метро Спортивная")).toEqual(["Спортивная"]);
    expect(names("ст. Химки")).toEqual(["Химки"]);
  });

  it("a street named like a station is a street", () => {
    expect(names("на Комсомольском проспекте")).toEqual([]);
    expect(names("Кутузовский проспект")).toEqual([]);
    expect(names("у Комсомольской")).toEqual(["Комсомольская"]);
    expect(names("Ленинский проспект")).toEqual(["Ленинский проспект"]);
  });

  it("finds several stations in text order with spans", () => {
    const text = "между Курской и Таганской";
    const found = index.find(text);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(["Курской", "Таганской"]);
  });

  it("works on an index built from a few names", () => {
    const small = createStationIndex([{ name: "Сокол", line: "Замоскворецкая" }, { name: "Октябрьское поле" }]);
    expect(small.find("м. Сокол, рядом Октябрьское поле")).toMatchObject([
      { name: "Сокол", line: "Замоскворецкая" },
      { name: "Октябрьское поле" },
    ]);
  });

  it("scans 1 MB of station-like words and returns", () => {
    const text = "Парк Бауманской китай-город ".repeat(40_000);
    expect(index.find(text).length).toBe(80_000);
  });
});
