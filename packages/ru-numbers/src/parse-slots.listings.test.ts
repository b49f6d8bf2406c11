// Real CIAN listing titles ("1-комн. кв., 37,33 м², 6/18 этаж") parsed against the listing's own columns.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "@wewall/shared/csv";
import { parseSlots } from "./parse-slots.js";
import { dataDir } from "./run-cli.js";

const listings = parseCsv(readFileSync(resolve(dataDir([]), "cian_moscow_sale_flats_2023.csv"), "utf8")).records;
const FIELDS = [
  ["rooms", "rooms"],
  ["area", "total_area_m2"],
  ["floor", "floor"],
  ["floorsTotal", "floors_total"],
] as const;

describe("CIAN sale titles", () => {
  it("agree with the listing columns on at least 99 % of titles per slot", () => {
    const titled = listings
      .map((row) => ({ row, title: [row["title"], row["subtitle"]].find((t) => t?.includes("м²")) }))
      .filter((x): x is { row: Record<string, string>; title: string } => x.title !== undefined);
    expect(titled.length).toBeGreaterThan(14_000);
    for (const [slot, column] of FIELDS) {
      let agree = 0;
      for (const { row, title } of titled) {
        if (parseSlots(title)[slot] === Number(row[column])) agree++;
      }
      // The rest are the source's own inconsistencies (a "1-комн." title filed as a studio, area 2.0 for 31.2).
      expect(agree / titled.length, slot).toBeGreaterThan(0.99);
    }
  });
});
