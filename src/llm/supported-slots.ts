// Keeps only the model's slots the message itself supports and the funnel's validators accept: the model never invents.
import { slotsSchema, type Slots } from "@wewall/shared";
import { extractNumbers } from "@wewall/ru-numbers";
import { FUNNEL_SLOTS, stepFor } from "../graph/steps.js";
import { normalizeText, stems } from "../nlu/normalize-text.js";

/** What the model may set; contact fields and the intent come from rules and buttons only. */
export const MODEL_SLOTS = FUNNEL_SLOTS;

/** The model's answer with no slot set: every model slot present and null, as the JSON schema requires. */
export const NO_MODEL_SLOTS: Readonly<Record<string, null>> = Object.fromEntries(
  MODEL_SLOTS.map((slot) => [slot, null]),
);
export type ModelSlot = (typeof MODEL_SLOTS)[number];
export type ModelSlots = { [K in ModelSlot]?: unknown };

export interface SlotSupportDeps {
  /** Canonical station names mentioned in a text (the rule parser's station index). */
  findStations(text: string): string[];
}

const NUMERIC = new Set<ModelSlot>(["rooms", "area", "budget", "budgetMin", "walkMinutes", "floor", "floorsTotal"]);
const ROOM_WORDS: [RegExp, number][] = [
  [stems("студи"), 0],
  [stems("однушк", "однокомнат", "одна комнат", "одной комнат"), 1],
  [stems("двушк", "двухкомнат", "две комнат", "двух комнат"), 2],
  [stems("трешк", "трехкомнат", "три комнат", "трех комнат"), 3],
  [stems("четырехкомнат", "четыре комнат"), 4],
];
const CUES: Record<string, RegExp> = {
  "dealType:sale": stems("куп", "покуп", "приобр", "продаж", "ипотек"),
  "dealType:rent": stems("снят", "сним", "снима", "аренд", "в месяц", "съем"),
  "propertyType:flat": stems("квартир", "комнат", "студи", "двушк", "трешк", "однушк", "жиль", "апартамент"),
  "propertyType:office": stems("офис", "кабинет"),
  "propertyType:retail": stems("торгов", "магазин", "помещени", "стрит", "кафе", "ритейл"),
};

export function supportedSlots(proposed: ModelSlots, text: string, current: Slots, deps: SlotSupportDeps): Slots {
  const normalized = normalizeText(text);
  const numbers = extractNumbers(text).map((match) => match.value);
  const accepted: Slots = {};
  for (const name of MODEL_SLOTS) {
    const raw = proposed[name];
    if (raw === undefined || raw === null) continue;
    const parsed = slotsSchema.shape[name].safeParse(raw);
    if (!parsed.success || parsed.data === undefined) continue;
    const value = name === "metro" ? knownStation(String(parsed.data), normalized, deps) : parsed.data;
    if (value === undefined) continue;
    if (NUMERIC.has(name) && !(typeof value === "number" && numberSupported(name, value, numbers, normalized)))
      continue;
    if ((name === "dealType" || name === "propertyType") && !CUES[`${name}:${String(value)}`]?.test(normalized))
      continue;
    const candidate: Slots = { ...current, ...accepted, [name]: value };
    if (stepFor(name)?.validate?.(candidate)) continue;
    Object.assign(accepted, { [name]: value });
  }
  return accepted;
}

function numberSupported(name: ModelSlot, value: number, numbers: number[], normalized: string): boolean {
  if (numbers.includes(value)) return true;
  if (name === "rooms") return ROOM_WORDS.some(([pattern, rooms]) => rooms === value && pattern.test(normalized));
  // "бюджет 15" said about millions: the digits are in the message, the scale is the only reading.
  if (name === "budget" || name === "budgetMin")
    return numbers.some((n) => n * 1_000_000 === value || n * 1_000 === value);
  return false;
}

// A station the index knows, named (in any case form) in the message; the canonical name goes into the slot.
function knownStation(name: string, normalized: string, deps: SlotSupportDeps): string | undefined {
  const canonical = deps.findStations(`метро ${name}`)[0];
  if (!canonical) return undefined;
  if (deps.findStations(normalized).includes(canonical)) return canonical;
  const words = normalizeText(canonical)
    .split(/[\s-]+/)
    .filter((w) => w.length >= 4);
  const mentioned = words.length > 0 && words.every((w) => normalized.includes(w.slice(0, Math.max(4, w.length - 2))));
  return mentioned ? canonical : undefined;
}
