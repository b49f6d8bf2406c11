// The funnel's buttons: labels the client sees, data the core reads back (the label is never parsed).
import type { Button, RelaxOption } from "@wewall/shared";
import { relaxLabel } from "./relax-label.js";

export const intentButtons: Button[][] = [
  [{ text: "🔎 Найти недвижимость", data: "intent:search" }],
  [{ text: "💰 Оценить мою недвижимость", data: "intent:valuation" }],
  [
    { text: "👤 Связаться с менеджером", data: "intent:manager" },
    { text: "❓ Задать вопрос", data: "intent:question" },
  ],
];

export const confirmButtons: Button[][] = [
  [
    { text: "✅ Да, всё верно", data: "confirm:yes" },
    { text: "✏️ Изменить", data: "confirm:edit" },
  ],
];

// A yes or no to the consent question reads as agreeing or disagreeing, like the confirmation's buttons.
export const consentButtons: Button[][] = [
  [
    { text: "Да, согласен", data: "confirm:yes" },
    { text: "Нет", data: "confirm:edit" },
  ],
];

const callMe: Button = { text: "📞 Позвоните мне", data: "contact:call" };

export const resultButtons = (hasMore: boolean): Button[][] => [
  [...(hasMore ? [{ text: "➡️ Ещё варианты", data: "more" }] : []), callMe],
];

export const relaxButtons = (offers: RelaxOption[]): Button[][] => [
  ...offers.map((offer) => [
    { text: `🔓 ${relaxLabel(offer)} — найдётся ${offer.total}`, data: `relax:${offer.filter}` },
  ]),
  [callMe],
];
