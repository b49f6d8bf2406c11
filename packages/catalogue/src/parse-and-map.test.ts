// CSV parsing, name keys, the CIAN/hh row mappers and the geo grid, on rows copied from the README's samples.
import { describe, expect, it } from "vitest";
import { geoCell, geoCellsAround } from "./geo-cell.js";
import { mapCianRentRow } from "./map-cian-rent-row.js";
import { mapCianSaleRow } from "./map-cian-sale-row.js";
import { mapMetroStationRow } from "./map-metro-station-row.js";
import { normalizeKey, streetKeyOf } from "./normalize-key.js";
import { parseCsv } from "@wewall/shared/csv";

describe("parseCsv", () => {
  it("keeps quoted commas, doubled quotes and CRLF line ends", () => {
    const { header, records } = parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\r\n2,,\r\n');
    expect(header).toEqual(["a", "b", "c"]);
    expect(records).toEqual([
      { a: "1", b: "x, y", c: 'say "hi"' },
      { a: "2", b: "", c: "" },
    ]);
  });
});

describe("keys", () => {
  it("match names regardless of case, ё and district prefixes", () => {
    expect(normalizeKey("Улица Академика Королёва")).toBe(normalizeKey("улица академика королева"));
    expect(normalizeKey("р-н Хорошево-Мневники")).toBe("хорошево-мневники");
    expect(normalizeKey("м. Сокол")).toBe("сокол");
    expect(normalizeKey("метро Сокол")).toBe("сокол");
    expect(normalizeKey("Метрогородок")).toBe("метрогородок");
    expect(streetKeyOf("Шелепихинская набережная, 34к7")).toBe("шелепихинская набережная");
  });
});

describe("row mappers", () => {
  const sale = {
    offer_id: "284213731",
    url: "https://www.cian.ru/sale/flat/284213731/",
    rooms: "1",
    total_area_m2: "47.2",
    price_rub: "14145800",
    floor: "2.0",
    floors_total: "30.0",
    metro_station: "Дубровка",
    metro_minutes: "3.0",
    metro_mode: "walk",
    admin_okrug: "ЮВАО",
    district: "р-н Южнопортовый",
    street: "Шарикоподшипниковская улица",
    house_number: "11С6",
    market: "",
  };

  it("maps a CIAN sale row", () => {
    const result = mapCianSaleRow(sale);
    expect(result.ok && result.row).toMatchObject({
      id: "cian:284213731",
      dealType: "sale",
      price: 14_145_800,
      totalArea: 47.2,
      floor: 2,
      floorsTotal: 30,
      metroMinutes: 3,
      metroMode: "walk",
      market: null,
      address: "Шарикоподшипниковская улица, 11С6",
    });
  });

  it("rejects a sale row without area, or with a fractional floor", () => {
    expect(mapCianSaleRow({ ...sale, total_area_m2: "" })).toEqual({ ok: false, reason: "total_area_m2: missing" });
    expect(mapCianSaleRow({ ...sale, floor: "2.5" })).toEqual({ ok: false, reason: "floor: not an integer (2.5)" });
  });

  it("maps a CIAN rent row, turning the geocoded distance into walking minutes only for CIAN's own station", () => {
    const rent = {
      offer_id: "317581545",
      rent_rub_month: "60000",
      total_area_m2: "45.0",
      rooms: "2",
      floor: "3",
      floors_total: "5",
      metro_station_cian: "Марьина Роща",
      nearest_metro_geocoded: "Марьина Роща",
      nearest_metro_distance_m_geocoded: "586.0",
      lat: "55.7948648",
      lon: "37.6254933",
      geocode_suspect: "False",
    };
    const result = mapCianRentRow(rent);
    expect(result.ok && result.row).toMatchObject({
      dealType: "rent",
      price: 60_000,
      metroMinutes: 7,
      lat: 55.7948648,
    });
    const other = mapCianRentRow({ ...rent, nearest_metro_geocoded: "Савёловская" });
    expect(other.ok && other.row.metroMinutes).toBeNull();
    const suspect = mapCianRentRow({ ...rent, geocode_suspect: "True" });
    expect(suspect.ok && [suspect.row.lat, suspect.row.metroMinutes]).toEqual([null, null]);
  });

  it("drops the station coordinates the README lists as source errors", () => {
    const row = { station_id: "135.1", station_name: "Раменское", line_id: "135", line_name: "МЦД-3" };
    const swapped = mapMetroStationRow({ ...row, lat: "55.56", lon: "55.56" });
    expect(swapped.ok && [swapped.row.lat, swapped.row.lon]).toEqual([null, null]);
    const good = mapMetroStationRow({ ...row, lat: "55.729264", lon: "37.611049" });
    expect(good.ok && good.row.lat).toBe(55.729264);
  });
});

describe("geo grid", () => {
  it("covers every point of a circle with the cells it returns", () => {
    const centre = { lat: 55.7558, lon: 37.6173 };
    const cells = new Set(geoCellsAround(centre.lat, centre.lon, 2000));
    for (let angle = 0; angle < 360; angle += 15) {
      const rad = (angle * Math.PI) / 180;
      const lat = centre.lat + (1990 / 111_320) * Math.sin(rad);
      const lon = centre.lon + (1990 / (111_320 * Math.cos((centre.lat * Math.PI) / 180))) * Math.cos(rad);
      expect(cells.has(geoCell(lat, lon))).toBe(true);
    }
    expect(cells.size).toBeLessThan(30);
  });
});
