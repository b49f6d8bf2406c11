// budget / budgetMin: "до 12 млн", "12,5 млн руб", "не дороже 300 тыс в месяц", "от 10 до 15 млн" → 15 and 10.
import type { LocatedMatch } from "./extract-numbers.js";
import { openMatches, startsWithAny, wordsBefore, type SlotInput } from "./slot-input.js";

export interface BudgetSlots {
  budget?: number;
  budgetMin?: number;
}

const BUDGET_WORDS = [
  "бюджет",
  "цен",
  "стоимост",
  "дороже",
  "дешевле",
  "стоит",
  "потянем",
  "рассчитыва",
  "готов",
  "сумм",
];
const LIMIT_WORDS = new Set(["до", "около", "примерно", "максимум", "пределах", "порядка"]);
const RENT_WORDS = ["месяц", "мес", "аренд", "снять", "сним", "арендова"];
const SALE_WORDS = ["купить", "покупк", "куплю", "продаж", "ипотек"];

/** The deal the message implies when the context does not say: "в месяц" is a rent, "купить" a sale. */
function inferDeal(input: SlotInput): "sale" | "rent" | undefined {
  if (input.context.dealType) return input.context.dealType;
  let sale = false;
  for (const token of input.tokens) {
    if (token.type !== "word") continue;
    if (startsWithAny(token.text, RENT_WORDS)) return "rent";
    if (startsWithAny(token.text, SALE_WORDS)) sale = true;
  }
  return sale ? "sale" : undefined;
}

/** Scales a bare small amount: "15" means millions for a purchase, "60" thousands for a monthly rent. */
function bareAmount(deal: "sale" | "rent" | undefined, value: number): number {
  if (value >= 1000) return value;
  return deal === "rent" ? value * 1000 : value * 1e6;
}

function isMoney(input: SlotInput, match: LocatedMatch): boolean {
  if (match.unit === "rub") return true;
  if (match.unit !== undefined || match.value <= 0) return false;
  if (match.scaled) return true;
  if (input.context.expect === "budget") return true;
  const before = wordsBefore(input.tokens, match.firstToken, 3);
  if (before.some((w) => startsWithAny(w, BUDGET_WORDS)) || before[0] === "за") return true;
  // "до 15" is money only when the deal is known; otherwise it could be minutes, floors or metres.
  return input.context.dealType !== undefined && LIMIT_WORDS.has(before[0] ?? "");
}

function amount(input: SlotInput, match: LocatedMatch): number {
  return match.scaled || match.unit === "rub" ? match.value : bareAmount(inferDeal(input), match.value);
}

export function parseBudget(input: SlotInput): BudgetSlots {
  for (const [k, match] of openMatches(input)) {
    if (match.kind === "ordinal" || !isMoney(input, match)) continue;
    input.claimed.add(k);
    const partner = match.rangeWith !== undefined ? input.matches[match.rangeWith] : undefined;
    if (partner && match.rangeWith !== undefined) {
      input.claimed.add(match.rangeWith);
      const ends = [amount(input, match), amount(input, partner)].sort((a, b) => a - b);
      const [low, high] = ends;
      if (low === undefined || high === undefined) return {};
      return { budget: high, budgetMin: low };
    }
    const value = amount(input, match);
    if (value < 1000) return {};
    const before = wordsBefore(input.tokens, match.firstToken, 1)[0];
    return before === "от" || before === "с" ? { budgetMin: value } : { budget: value };
  }
  return {};
}
