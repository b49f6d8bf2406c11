// The funnel's questions as data: one row per slot, asked in this order when its condition holds; the words are in prompts/.
import type { Button, SlotName, Slots } from "@wewall/shared";
import { prompts, slotTexts, type QuestionSlot } from "./prompts/index.js";

export interface SlotStep {
  slot: SlotName;
  label: string;
  question: (slots: Slots) => string;
  buttons?: Button[][];
  askWhen: (slots: Slots) => boolean;
  optional?: boolean;
  describe: (slots: Slots) => string;
  validate?: (slots: Slots) => string | null;
}

const isSearch = (s: Slots) => s.intent === "search";
const isValuation = (s: Slots) => s.intent === "valuation";
const isFunnel = (s: Slots) => isSearch(s) || isValuation(s);
const isOwnFlat = (s: Slots) => isValuation(s) && s.propertyType === "flat";

// A step's words; a closed choice becomes one row of buttons whose data names the slot and value.
function worded(slot: QuestionSlot): Pick<SlotStep, "slot" | "label" | "question" | "describe" | "buttons"> {
  const { choices, ...texts } = slotTexts[slot];
  const buttons = choices ? [choices.map(([text, value]) => ({ text, data: `${slot}:${value}` }))] : undefined;
  return { slot, ...texts, ...(buttons ? { buttons } : {}) };
}

export const funnelSteps: readonly SlotStep[] = [
  { ...worded("dealType"), askWhen: isSearch },
  { ...worded("propertyType"), askWhen: isFunnel },
  { ...worded("rooms"), askWhen: (s) => isFunnel(s) && s.propertyType === "flat" },
  { ...worded("area"), askWhen: isFunnel, optional: true },
  { ...worded("budget"), askWhen: isSearch, optional: true },
  { ...worded("metro"), askWhen: isFunnel, optional: true },
  { ...worded("walkMinutes"), askWhen: (s) => isFunnel(s) && s.metro !== undefined, optional: true },
  {
    ...worded("floor"),
    askWhen: isOwnFlat,
    optional: true,
    validate: (s) =>
      s.floor !== undefined && s.floorsTotal !== undefined && s.floor > s.floorsTotal
        ? prompts.floorAboveBuilding
        : null,
  },
  { ...worded("floorsTotal"), askWhen: isOwnFlat, optional: true },
];

/** Every slot the funnel's questions fill (budgetMin rides along with budget): a change to one re-opens the confirmation. */
export const FUNNEL_SLOTS = [
  "dealType",
  "propertyType",
  "rooms",
  "area",
  "budget",
  "budgetMin",
  "metro",
  "walkMinutes",
  "floor",
  "floorsTotal",
] as const satisfies readonly SlotName[];

export const stepFor = (slot: SlotName) => funnelSteps.find((step) => step.slot === slot);

export function nextStep(slots: Slots, skipped: readonly SlotName[]): SlotStep | undefined {
  return funnelSteps.find(
    (step) => step.askWhen(slots) && slots[step.slot] === undefined && !skipped.includes(step.slot),
  );
}

export function summarize(slots: Slots): string {
  return funnelSteps
    .filter((step) => step.askWhen(slots) && slots[step.slot] !== undefined)
    .map((step) => `• ${step.label}: ${step.describe(slots)}`)
    .join("\n");
}
