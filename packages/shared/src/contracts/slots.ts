// Canonical slot names: the external contract every service speaks.
import { z } from "zod";

export const intentSchema = z.enum(["search", "valuation", "manager", "question"]);
export const dealTypeSchema = z.enum(["sale", "rent"]);
export const propertyTypeSchema = z.enum(["flat", "office", "retail"]);

export const slotsSchema = z
  .object({
    intent: intentSchema,
    dealType: dealTypeSchema,
    propertyType: propertyTypeSchema,
    rooms: z.number().int().min(0).max(20),
    area: z.number().positive().max(100_000),
    budget: z.number().positive(),
    budgetMin: z.number().nonnegative(),
    floor: z.number().int().min(-5).max(200),
    floorsTotal: z.number().int().min(1).max(200),
    metro: z.string().min(1),
    walkMinutes: z.number().int().min(0).max(240),
    district: z.string().min(1),
    phone: z.string().regex(/^\+\d{10,15}$/),
    name: z.string().min(1).max(100),
    consent: z.boolean(),
  })
  .partial();

export type Intent = z.infer<typeof intentSchema>;
export type DealType = z.infer<typeof dealTypeSchema>;
export type PropertyType = z.infer<typeof propertyTypeSchema>;
export type Slots = z.infer<typeof slotsSchema>;
export type SlotName = keyof Slots;
