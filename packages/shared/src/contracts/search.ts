// Analog-search contract: filters in, ranked listings out, and what to relax when nothing matches.
import { z } from "zod";
import { dealTypeSchema, propertyTypeSchema } from "./slots.js";
import { marketSchema, metroModeSchema } from "./valuation.js";

/** The filters analog-search knows how to loosen when nothing matches. */
export const relaxFilterSchema = z.enum([
  "rooms",
  "budget",
  "area",
  "metro",
  "district",
  "near",
  "walkMinutesMax",
  "floor",
  "market",
]);

export const searchRequestSchema = z.strictObject({
  dealType: dealTypeSchema,
  propertyType: propertyTypeSchema.default("flat"),
  rooms: z.array(z.number().int().min(0).max(20)).optional(),
  areaMin: z.number().positive().optional(),
  areaMax: z.number().positive().optional(),
  budget: z.number().positive().optional(),
  budgetTolerance: z.number().min(0).max(1).default(0.1),
  metro: z.array(z.string().min(1)).optional(),
  district: z.string().optional(),
  near: z.strictObject({ lat: z.number(), lon: z.number(), radiusM: z.number().positive().max(50_000) }).optional(),
  walkMinutesMax: z.number().min(0).optional(),
  floorMin: z.number().int().optional(),
  floorMax: z.number().int().optional(),
  notFirstFloor: z.boolean().optional(),
  notLastFloor: z.boolean().optional(),
  market: marketSchema.optional(),
  target: z
    .strictObject({
      area: z.number().positive().optional(),
      rooms: z.number().int().optional(),
      pricePerM2: z.number().positive().optional(),
      floor: z.number().int().optional(),
      lat: z.number().optional(),
      lon: z.number().optional(),
    })
    .optional(),
  /** Loosen these filters the way an empty answer's `relax` suggested, in this order. */
  relax: z.array(relaxFilterSchema).max(relaxFilterSchema.options.length).optional(),
  limit: z.number().int().min(1).max(100).default(10),
  offset: z.number().int().min(0).default(0),
});

export const listingSchema = z.object({
  id: z.string(),
  url: z.string().nullable(),
  dealType: dealTypeSchema,
  propertyType: propertyTypeSchema,
  price: z.number(),
  pricePerM2: z.number(),
  area: z.number(),
  rooms: z.number().nullable(),
  floor: z.number().nullable(),
  floorsTotal: z.number().nullable(),
  metro: z.string().nullable(),
  walkMinutes: z.number().nullable(),
  metroMode: metroModeSchema.nullable(),
  district: z.string().nullable(),
  address: z.string().nullable(),
  photos: z.array(z.string()),
  score: z.number(),
});

const relaxTotal = z.number().int().min(0);

/**
 * One way to loosen an empty search, as data: which filter, the value it would take, and how many listings it finds.
 * The core words it for the client; a channel or partner may word it its own way.
 */
export const relaxOptionSchema = z.discriminatedUnion("filter", [
  z.object({ filter: z.literal("rooms"), total: relaxTotal }),
  z.object({ filter: z.literal("budget"), total: relaxTotal, priceMax: z.number().positive() }),
  z.object({
    filter: z.literal("area"),
    total: relaxTotal,
    widenPercent: z.number().positive(),
    areaMin: z.number().positive().optional(),
    areaMax: z.number().positive().optional(),
  }),
  // Around the first named station when its position is known, else any station.
  z.object({
    filter: z.literal("metro"),
    total: relaxTotal,
    around: z.object({ station: z.string(), radiusM: z.number().positive() }).optional(),
  }),
  z.object({ filter: z.literal("district"), total: relaxTotal }),
  z.object({ filter: z.literal("near"), total: relaxTotal, radiusM: z.number().positive() }),
  z.object({ filter: z.literal("walkMinutesMax"), total: relaxTotal, walkMinutesMax: z.number().min(0) }),
  z.object({ filter: z.literal("floor"), total: relaxTotal }),
  z.object({ filter: z.literal("market"), total: relaxTotal }),
]);

export const searchResultSchema = z.object({
  items: z.array(listingSchema),
  total: z.number(),
  // added by analog-search: true when more listings match than are ranked, so total is a lower bound
  totalCapped: z.boolean().optional(),
  relax: z.array(relaxOptionSchema).optional(),
});

export type SearchRequest = z.input<typeof searchRequestSchema>;
export type Listing = z.infer<typeof listingSchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type RelaxFilter = z.infer<typeof relaxFilterSchema>;
export type RelaxOption = z.infer<typeof relaxOptionSchema>;
