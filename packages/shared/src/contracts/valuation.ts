// Calculator contract: valuation by comparables and investment figures.
import { z } from "zod";
import { dealTypeSchema, propertyTypeSchema } from "./slots.js";

export const metroModeSchema = z.enum(["walk", "transport"]);
export const marketSchema = z.enum(["new_building", "secondary"]);
export const renovationSchema = z.enum(["none", "municipal", "modern"]);

export const valuationRequestSchema = z.strictObject({
  dealType: dealTypeSchema,
  propertyType: propertyTypeSchema,
  rooms: z.number().int().min(0).max(20),
  area: z.number().positive().max(100_000),
  floor: z.number().int().min(-5).max(200).optional(),
  floorsTotal: z.number().int().min(1).max(200).optional(),
  metro: z.string().min(1).optional(),
  walkMinutes: z.number().min(0).max(240).optional(),
  metroMode: metroModeSchema.optional(),
  kitchenArea: z.number().positive().optional(),
  market: marketSchema.optional(),
  buildingType: z.string().optional(),
  yearBuilt: z.number().int().min(1700).max(2100).optional(),
  renovation: renovationSchema.optional(),
  balcony: z.boolean().optional(),
  district: z.string().optional(),
  address: z.string().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});

export const adjustmentSchema = z.object({
  analogId: z.string(),
  factor: z.string(),
  objectBin: z.string(),
  analogBin: z.string(),
  value: z.number(),
  unit: z.enum(["pct", "rub_per_m2"]),
});

export const valuationAnalogSchema = z.object({
  id: z.string(),
  url: z.string().nullable(),
  price: z.number(),
  pricePerM2: z.number(),
  adjustedPricePerM2: z.number(),
  weight: z.number(),
  area: z.number(),
  rooms: z.number(),
  metro: z.string().nullable(),
  walkMinutes: z.number().nullable(),
});

export const valuationSchema = z.object({
  price: z.number(),
  pricePerM2: z.number(),
  low: z.number(),
  high: z.number(),
  analogs: z.array(valuationAnalogSchema),
  adjustments: z.array(adjustmentSchema),
  // added by the calculator: the estimate before the bargaining discount, comparable with asking prices
  askingPrice: z.number().optional(),
});

export const investmentRequestSchema = valuationRequestSchema.extend({
  purchasePrice: z.number().positive().optional(),
  purchaseCosts: z.number().min(0).optional(),
  monthlyCosts: z.number().min(0).optional(),
  vacancy: z.number().min(0).max(1).optional(),
  rentGrowth: z.number().min(-0.5).max(1).optional(),
  priceGrowth: z.number().min(-0.5).max(1).optional(),
  horizonYears: z.number().int().min(1).max(50).optional(),
});

export const investmentSchema = z.object({
  purchasePrice: z.number(),
  monthlyRent: z.number(),
  grossYield: z.number(),
  netYield: z.number(),
  paybackYears: z.number().nullable(),
  irr: z.number().nullable(),
  horizonYears: z.number(),
  assumptions: z.record(z.string(), z.number()),
});

export type ValuationRequest = z.infer<typeof valuationRequestSchema>;
export type Valuation = z.infer<typeof valuationSchema>;
export type Adjustment = z.infer<typeof adjustmentSchema>;
export type InvestmentRequest = z.infer<typeof investmentRequestSchema>;
export type Investment = z.infer<typeof investmentSchema>;
