// What the model answers about one client turn: a zod schema (sent as JSON Schema) and the two tools it may call instead.
import { z } from "zod";
import { MODEL_SLOTS } from "./supported-slots.js";
import type { ModelTool } from "@wewall/shared/llm";

const slotFields = z.strictObject({
  dealType: z.enum(["sale", "rent"]).nullable(),
  propertyType: z.enum(["flat", "office", "retail"]).nullable(),
  rooms: z.number().nullable(),
  area: z.number().nullable(),
  budget: z.number().nullable(),
  budgetMin: z.number().nullable(),
  metro: z.string().nullable(),
  walkMinutes: z.number().nullable(),
  floor: z.number().nullable(),
  floorsTotal: z.number().nullable(),
});

export const turnLabels = [
  "answer",
  "agree",
  "back",
  "correction",
  "intent_switch",
  "handoff",
  "question",
  "unclear",
] as const;

/** Strict form for the provider: every field present, null when unknown (OpenAI strict mode requires it). */
const strictTurn = z.strictObject({
  label: z.enum(turnLabels),
  intent: z.enum(["search", "valuation", "question"]).nullable(),
  backTo: z.enum(MODEL_SLOTS).nullable(),
  slots: slotFields,
});

/** Lenient form for reading: small models drop null fields; anything else malformed is rejected. */
export const modelTurnSchema = strictTurn.extend({
  intent: strictTurn.shape.intent.optional(),
  backTo: strictTurn.shape.backTo.optional(),
  slots: slotFields.partial().default({}),
});
export type ModelTurn = z.infer<typeof modelTurnSchema>;

export const modelTurnJsonSchema = { name: "client_turn", schema: z.toJSONSchema(strictTurn) };

export const toolArgsSchema = slotFields.partial();

/** Free-form requests that map to the calculator or the search: their arguments become slot changes. */
export const funnelTools: ModelTool[] = [
  {
    name: "valuate_property",
    description:
      "Оценить стоимость объекта клиента (или «такого же, но…»). Аргументы — только изменённые или названные клиентом параметры.",
    parameters: z.toJSONSchema(slotFields),
  },
  {
    name: "search_listings",
    description: "Подобрать объявления по параметрам. Аргументы — только изменённые или названные клиентом параметры.",
    parameters: z.toJSONSchema(slotFields),
  },
];

export const toolIntent: Record<string, "valuation" | "search"> = {
  valuate_property: "valuation",
  search_listings: "search",
};
