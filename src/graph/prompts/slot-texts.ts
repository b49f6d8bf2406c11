// The words of each funnel question: its label in the summary, the question, the button choices, the answer read back.
import type { Slots } from "@wewall/shared";
import { formatNumber, formatRub } from "./russian-format.js";

export type QuestionSlot =
  "dealType" | "propertyType" | "rooms" | "area" | "budget" | "metro" | "walkMinutes" | "floor" | "floorsTotal";

export interface SlotTexts {
  /** Its line's name in the summary the client confirms. */
  label: string;
  question: (slots: Slots) => string;
  /** Buttons for a closed choice: label and the slot value it sets. */
  choices?: [label: string, value: string][];
  /** The answer as the summary reads it back. */
  describe: (slots: Slots) => string;
}

const isValuation = (s: Slots) => s.intent === "valuation";
const roomsText = (rooms: number | undefined) => (rooms === 0 ? "студия" : `${rooms}-комн.`);

export const slotTexts: Record<QuestionSlot, SlotTexts> = {
  dealType: {
    label: "Сделка",
    question: () => "Вы хотите купить или снять?",
    choices: [
      ["Купить", "sale"],
      ["Снять", "rent"],
    ],
    describe: (s) => (s.dealType === "rent" ? "аренда" : "покупка"),
  },
  propertyType: {
    label: "Тип",
    question: (s) => (isValuation(s) ? "Что оцениваем?" : "Какая недвижимость нужна?"),
    choices: [
      ["Квартира", "flat"],
      ["Офис", "office"],
      ["Торговое", "retail"],
    ],
    describe: (s) => ({ flat: "квартира", office: "офис", retail: "торговое помещение" })[s.propertyType ?? "flat"],
  },
  rooms: {
    label: "Комнат",
    question: () => "Сколько комнат?",
    choices: [
      ["Студия", "0"],
      ["1", "1"],
      ["2", "2"],
      ["3", "3"],
      ["4+", "4"],
    ],
    describe: (s) => roomsText(s.rooms),
  },
  area: {
    label: "Площадь",
    question: (s) => (isValuation(s) ? "Какая общая площадь, м²?" : "Какая площадь нужна, м²?"),
    describe: (s) => `${formatNumber(s.area ?? 0)} м²`,
  },
  budget: {
    label: "Бюджет",
    question: (s) => (s.dealType === "rent" ? "Какой бюджет в месяц?" : "Какой у вас бюджет?"),
    describe: (s) =>
      `${s.budgetMin ? `от ${formatRub(s.budgetMin)} ` : ""}до ${formatRub(s.budget ?? 0)}${s.dealType === "rent" ? " в месяц" : ""}`,
  },
  metro: {
    label: "Метро",
    question: () => "Рядом с какой станцией метро?",
    describe: (s) => `м. ${s.metro}`,
  },
  walkMinutes: {
    label: "До метро",
    question: () => "Сколько минут пешком до метро?",
    describe: (s) => `${s.walkMinutes} мин пешком`,
  },
  floor: {
    label: "Этаж",
    question: () => "На каком этаже квартира?",
    describe: (s) => `${s.floor}${s.floorsTotal ? ` из ${s.floorsTotal}` : ""}`,
  },
  floorsTotal: {
    label: "Этажей в доме",
    question: () => "Сколько этажей в доме?",
    describe: (s) => `${s.floorsTotal}`,
  },
};
