// What the fake calculator and search answer in tests: a valuation at Таганская and seven listings from 14 M there.
import type { Investment, SearchResult, Valuation } from "@wewall/shared";

export const SAMPLE_VALUATION: Valuation = {
  price: 15_500_000,
  pricePerM2: 310_000,
  low: 14_700_000,
  high: 16_300_000,
  analogs: [
    {
      id: "1",
      url: null,
      price: 15_000_000,
      pricePerM2: 300_000,
      adjustedPricePerM2: 310_000,
      weight: 1,
      area: 50,
      rooms: 2,
      metro: "Таганская",
      walkMinutes: 7,
    },
  ],
  adjustments: [],
};

export const SAMPLE_INVESTMENT: Investment = {
  purchasePrice: 15_500_000,
  monthlyRent: 75_000,
  grossYield: 0.058,
  netYield: 0.045,
  paybackYears: 17.2,
  irr: 0.07,
  horizonYears: 10,
  assumptions: {},
};

export const SAMPLE_CHEAPEST_PRICE = 14_000_000;
const SAMPLE_LISTINGS_TOTAL = 7;

/** A page of the seven sample listings, the n-th (from 1) costing 14 M + (n - 1) × 100 000. */
export function sampleListings(offset: number, limit: number): SearchResult {
  const count = Math.max(0, Math.min(limit, SAMPLE_LISTINGS_TOTAL - offset));
  const items = Array.from({ length: count }, (_, i) => ({
    id: String(offset + i + 1),
    url: `https://www.cian.ru/sale/flat/${offset + i + 1}/`,
    dealType: "sale" as const,
    propertyType: "flat" as const,
    price: SAMPLE_CHEAPEST_PRICE + (offset + i) * 100_000,
    pricePerM2: 280_000,
    area: 50,
    rooms: 2,
    floor: 5,
    floorsTotal: 9,
    metro: "Таганская",
    walkMinutes: 7,
    metroMode: "walk" as const,
    district: null,
    address: null,
    photos: [],
    score: 1 - i / 10,
  }));
  return { items, total: SAMPLE_LISTINGS_TOTAL };
}
