// The core words every loosening analog-search may offer: one sample per kind in the contract, each read as a client would.
import { relaxFilterSchema, relaxOptionSchema, type RelaxOption } from "@wewall/shared";
import { describe, expect, it } from "vitest";
import { relaxButtons } from "./buttons.js";
import { relaxLabel } from "./relax-label.js";

const worded: [RelaxOption, string][] = [
  [{ filter: "rooms", total: 4 }, "любое число комнат"],
  [{ filter: "budget", priceMax: 75_600_000, total: 1 }, "бюджет до 75,6 млн ₽"],
  [{ filter: "budget", priceMax: 120_000, total: 3 }, "бюджет до 120\u00a0000 ₽"],
  [{ filter: "area", widenPercent: 20, areaMin: 40, areaMax: 72, total: 9 }, "площадь шире на 20%"],
  [{ filter: "metro", around: { station: "Сокол", radiusM: 2500 }, total: 6 }, "станции в радиусе 2,5 км от «Сокол»"],
  [{ filter: "metro", total: 6 }, "любая станция метро"],
  [{ filter: "district", total: 2 }, "любой район"],
  [{ filter: "near", radiusM: 5000, total: 8 }, "радиус 5 км"],
  [{ filter: "near", radiusM: 2500, total: 8 }, "радиус 2,5 км"],
  [{ filter: "walkMinutesMax", walkMinutesMax: 25, total: 5 }, "до 25 мин пешком"],
  [{ filter: "floor", total: 7 }, "любой этаж"],
  [{ filter: "market", total: 11 }, "и новостройки, и вторичка"],
];

describe("relaxLabel", () => {
  it("has a sample for every kind of option the search contract allows", () => {
    const kinds = relaxOptionSchema.options.map((option) => option.shape.filter.value);
    expect(new Set(kinds)).toEqual(new Set(relaxFilterSchema.options));
    expect(new Set(worded.map(([option]) => option.filter))).toEqual(new Set(kinds));
  });

  it.each(worded)("words %o as «%s»", (option, label) => {
    expect(relaxOptionSchema.parse(option)).toEqual(option);
    expect(relaxLabel(option)).toBe(label);
  });

  it("puts the label and the count on a button whose data names only the filter", () => {
    expect(relaxButtons([{ filter: "budget", priceMax: 14_700_000, total: 7 }])[0]).toEqual([
      { text: "🔓 бюджет до 14,7 млн ₽ — найдётся 7", data: "relax:budget" },
    ]);
  });
});
