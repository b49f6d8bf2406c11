// The MongoDB document → row mapping on documents shaped like an old WeWall deployment's collections.
import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { mapEstateDocument } from "./map-estate-document.js";
import { mapCoefficientDocument, mapMessageDocument, mapSubwayStationDocument } from "./map-reference-documents.js";

const estate = {
  _id: new ObjectId("65a1f0c2e4b0a1b2c3d4e5f6"),
  deal_type: "продажа",
  estate_type: "квартира",
  price: "16 781 328",
  square: 37.33,
  kitchen_square: 10.5,
  rooms: 1,
  floor: 6,
  floors: 18,
  year: 2023,
  house_type: "Монолитный",
  is_new: true,
  renovation: "без отделки",
  balcony: "лоджия",
  address: "Москва, Алиа ЖК, к7",
  district: "Покровское-Стрешнево",
  location: { type: "Point", coordinates: [37.4513, 55.8201] },
  subway: { name: "Спартак", minutes: 5, way: "пешком" },
  photos: ["https://cdn.example/1.jpg", { url: "https://cdn.example/2.jpg" }],
  url: "https://www.cian.ru/sale/flat/279550175/",
  created_at: new Date("2023-06-01T10:00:00Z"),
};

describe("mapEstateDocument", () => {
  it("maps a full estate document", () => {
    const result = mapEstateDocument(estate);
    expect(result).toEqual({
      ok: true,
      row: expect.objectContaining({
        id: "mongo:65a1f0c2e4b0a1b2c3d4e5f6",
        source: "mongo",
        dealType: "sale",
        propertyType: "flat",
        price: 16_781_328,
        totalArea: 37.33,
        kitchenArea: 10.5,
        rooms: 1,
        floor: 6,
        floorsTotal: 18,
        yearBuilt: 2023,
        market: "new_building",
        renovation: "none",
        balcony: true,
        lat: 55.8201,
        lon: 37.4513,
        metro: "Спартак",
        metroMinutes: 5,
        metroMode: "walk",
        photos: ["https://cdn.example/1.jpg", "https://cdn.example/2.jpg"],
      }),
    });
  });

  it("reads the flat layout of older documents: studio, metro fields, lat/lon, string ids", () => {
    const result = mapEstateDocument({
      _id: "a-17",
      deal_type: "rent",
      type: "flat",
      cost: 55000,
      area: "28,5",
      rooms: "студия",
      metro: "Сокол",
      metro_time: 12,
      way_to_subway: "transport",
      lat: 55.8,
      lng: 37.51,
      is_new: false,
    });
    expect(result.ok && result.row).toMatchObject({
      id: "mongo:a-17",
      dealType: "rent",
      price: 55_000,
      totalArea: 28.5,
      rooms: 0,
      metro: "Сокол",
      metroMinutes: 12,
      metroMode: "transport",
      market: "secondary",
      lat: 55.8,
      lon: 37.51,
    });
  });

  it("rejects impossible documents with the field and the reason", () => {
    expect(mapEstateDocument({ ...estate, square: undefined })).toEqual({ ok: false, reason: "square: missing" });
    expect(mapEstateDocument({ ...estate, floor: 20 })).toEqual({
      ok: false,
      reason: "floor: 20 above floors_total 18",
    });
    expect(mapEstateDocument({ ...estate, deal_type: "обмен" })).toEqual({
      ok: false,
      reason: "deal_type: unknown (обмен)",
    });
    expect(mapEstateDocument({ ...estate, _id: undefined })).toEqual({ ok: false, reason: "_id: missing" });
  });
});

describe("reference collections", () => {
  it("maps a subway station with GeoJSON coordinates", () => {
    const result = mapSubwayStationDocument({
      _id: new ObjectId("65a1f0c2e4b0a1b2c3d4e500"),
      name: "Октябрьская",
      line: "Кольцевая",
      color: "#915133",
      location: { type: "Point", coordinates: [37.611049, 55.729264] },
    });
    expect(result).toEqual({
      ok: true,
      row: {
        id: "mongo:65a1f0c2e4b0a1b2c3d4e500",
        name: "Октябрьская",
        lineId: "Кольцевая",
        lineName: "Кольцевая",
        lineColor: "#915133",
        lineType: null,
        orderOnLine: null,
        lat: 55.729264,
        lon: 37.611049,
        source: "mongo",
      },
    });
  });

  it("maps coefficients stored as percentages or as multipliers", () => {
    const pct = mapCoefficientDocument("square_coeffs", { _id: 1, object: "30-50", analog: "50-65", value: 7 });
    const multiplier = mapCoefficientDocument("way_to_subway_coeffs", {
      _id: 2,
      object: "<5",
      analog: "5-10",
      coeff: 1.07,
    });
    expect(pct.ok && pct.row).toMatchObject({
      table: "square_coeffs",
      objectBin: "30-50",
      analogBin: "50-65",
      value: 7,
    });
    expect(multiplier.ok && multiplier.row).toMatchObject({ table: "way_to_subway_coeffs", objectBin: "<5", value: 7 });
    expect(mapCoefficientDocument("square_coeffs", { _id: 3, object: "<30" })).toEqual({
      ok: false,
      reason: "object_bin/analog_bin: missing",
    });
  });

  it("maps bot messages to transcript rows and skips empty ones", () => {
    const row = mapMessageDocument({
      _id: new ObjectId("65a1f0c2e4b0a1b2c3d4e501"),
      chat_id: 123456789,
      from: "user",
      text: "Хочу двушку у метро Сокол",
      date: 1_686_000_000,
    });
    expect(row).toEqual({
      ok: true,
      row: {
        id: "mongo:65a1f0c2e4b0a1b2c3d4e501",
        source: "mongo",
        chatId: "123456789",
        author: "client",
        text: "Хочу двушку у метро Сокол",
        sentAt: new Date(1_686_000_000_000),
      },
    });
    expect(mapMessageDocument({ _id: 5, chat_id: 1, text: "" })).toEqual({ ok: false, reason: "text: missing" });
  });
});
