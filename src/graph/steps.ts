// The funnel's questions as data: one row per slot, asked in this order when its condition holds.
import type { Button, SlotName, Slots } from "@wewall/shared";
import { formatNumber, formatRub } from "./prompts.js";

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
const choice = (slot: SlotName, options: [string, string][]): Button[][] => [
  options.map(([text, value]) => ({ text, data: `${slot}:${value}` })),
];
const roomsText = (rooms: number | undefined) => (rooms === 0 ? "студия" : `${rooms}-комн.`);

export const funnelSteps: readonly SlotStep[] = [
  {
    slot: "dealType",
    label: "Сделка",
    question: () => "Вы хотите купить или снять?",
    buttons: choice("dealType", [
      ["Купить", "sale"],
      ["Снять", "rent"],
    ]),
    askWhen: isSearch,
    describe: (s) => (s.dealType === "rent" ? "аренда" : "покупка"),
  },
  {
    slot: "propertyType",
    label: "Тип",
    question: (s) => (isValuation(s) ? "Что оцениваем?" : "Какая недвижимость нужна?"),
    buttons: choice("propertyType", [
      ["Квартира", "flat"],
      ["Офис", "office"],
      ["Торговое", "retail"],
    ]),
    askWhen: isFunnel,
    describe: (s) => ({ flat: "квартира", office: "офис", retail: "торговое помещение" })[s.propertyType ?? "flat"],
  },
  {
    slot: "rooms",
    label: "Комнат",
    question: () => "Сколько комнат?",
    buttons: choice("rooms", [
      ["Студия", "0"],
      ["1", "1"],
      ["2", "2"],
      ["3", "3"],
      ["4+", "4"],
    ]),
    askWhen: (s) => isFunnel(s) && s.propertyType === "flat",
    describe: (s) => roomsText(s.rooms),
  },
  {
    slot: "area",
    label: "Площадь",
    question: (s) => (isValuation(s) ? "Какая общая площадь, м²?" : "Какая площадь нужна, м²?"),
    askWhen: isFunnel,
    optional: true,
    describe: (s) => `${formatNumber(s.area ?? 0)} м²`,
  },
  {
    slot: "budget",
    label: "Бюджет",
    question: (s) => (s.dealType === "rent" ? "Какой бюджет в месяц?" : "Какой у вас бюджет?"),
    askWhen: isSearch,
    optional: true,
    describe: (s) =>
      `${s.budgetMin ? `от ${formatRub(s.budgetMin)} ` : ""}до ${formatRub(s.budget ?? 0)}${s.dealType === "rent" ? " в месяц" : ""}`,
  },
  {
    slot: "metro",
    label: "Метро",
    question: () => "Рядом с какой станцией метро?",
    askWhen: isFunnel,
    optional: true,
    describe: (s) => `м. ${s.metro}`,
  },
  {
    slot: "walkMinutes",
    label: "До метро",
    question: () => "Сколько минут пешком до метро?",
    askWhen: (s) => isFunnel(s) && s.metro !== undefined,
    optional: true,
    describe: (s) => `${s.walkMinutes} мин пешком`,
  },
  {
    slot: "floor",
    label: "Этаж",
    question: () => "На каком этаже квартира?",
    askWhen: (s) => isValuation(s) && s.propertyType === "flat",
    optional: true,
    describe: (s) => `${s.floor}${s.floorsTotal ? ` из ${s.floorsTotal}` : ""}`,
    validate: (s) =>
      s.floor !== undefined && s.floorsTotal !== undefined && s.floor > s.floorsTotal
        ? "Этаж не может быть выше этажности дома."
        : null,
  },
  {
    slot: "floorsTotal",
    label: "Этажей в доме",
    question: () => "Сколько этажей в доме?",
    askWhen: (s) => isValuation(s) && s.propertyType === "flat",
    optional: true,
    describe: (s) => `${s.floorsTotal}`,
  },
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
