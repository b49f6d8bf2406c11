// Rule-based Russian NLU: agree / back / skip / handoff / intent / choices, numbers through the slot parser.
import { relaxFilterSchema, type Intent, type SlotName, type Slots } from "@wewall/shared";
import type { TurnFlags, TurnInput } from "../graph/state.js";
import type { Interpretation, InterpretContext, MessageInterpreter, SlotParser } from "./message-interpreter.js";
import { normalizeText } from "./normalize-text.js";
import {
  AGREE,
  ASKS,
  BACK,
  BACK_TARGETS,
  BARE_NO,
  CALL_DECLINED,
  CALL_ME,
  CONSENT_REFUSED,
  DISAGREE,
  EDIT,
  FLAT,
  HANDOFF,
  HANDOFF_DECLINED,
  MORE,
  NAME_INTRO,
  NAME_LEAD,
  NOT_A_NAME,
  OFFICE,
  PHONE_REFUSED,
  RENT,
  RESTART,
  RETAIL,
  SALE,
  SEARCH,
  SKIP,
  STOP_FOLLOW_UPS,
  VALUATION,
} from "./russian-cues.js";

export interface RuleInterpreterDeps {
  parseSlots: SlotParser;
  nearestStation?: (lat: number, lon: number) => string | undefined;
}

const SALE_BUDGET_FLOOR = 3_000_000;
// What a client wants of a property: naming any of these is asking for one.
const WISH_SLOTS = ["rooms", "area", "budget", "metro", "walkMinutes"] as const;

const BUTTON = /^(intent|dealType|propertyType|rooms):(.+)$/;

export function createRuleInterpreter(deps: RuleInterpreterDeps): MessageInterpreter {
  return {
    async interpret(input: TurnInput, context: InterpretContext): Promise<Interpretation> {
      const raw = input.texts.join("\n");
      const text = normalizeText(raw);
      const slots: Slots = {};
      let intent: Intent | undefined;
      let act: TurnFlags["act"] = "none";
      let confidence = 1;

      const button = input.button ?? "";
      const choice = BUTTON.exec(button);
      if (choice?.[1] === "intent") intent = parseIntent(choice[2]);
      else if (choice) Object.assign(slots, buttonSlot(choice[1] ?? "", choice[2] ?? ""));
      if (button === "confirm:yes") act = "agree";
      if (button === "confirm:edit") act = "disagree";
      if (button === "more") act = "more";
      const relax = relaxFilterSchema.safeParse(/^relax:(.+)$/.exec(button)?.[1]);
      if (relax.success) act = "relax";
      if (button === "contact:call") act = "call";

      if (RESTART.test(text)) return { act: "restart", slots: {}, confidence: 1 };
      if (!button && STOP_FOLLOW_UPS.test(text)) return { act: "unsubscribe", slots: {}, confidence: 1 };
      if (act === "none" && HANDOFF.test(text) && !HANDOFF_DECLINED.test(text)) act = "handoff";
      if (intent === "manager") act = "handoff";

      // A pressed button's own label ("бюджет до 18 млн — найдётся 12") is not the client's wish to parse.
      if (!button) {
        const expect = context.pending?.kind === "slot" ? context.pending.slot : undefined;
        // "купить двушку до 15": the deal named in the message itself tells millions from thousands.
        const dealType =
          SALE.test(text) && !RENT.test(text) ? "sale" : RENT.test(text) && !SALE.test(text) ? "rent" : undefined;
        const knownDealType = dealType ?? context.slots.dealType;
        Object.assign(
          slots,
          deps.parseSlots(raw, {
            ...(expect ? { expect } : {}),
            ...(knownDealType ? { dealType: knownDealType } : {}),
            ...(context.slots.floorsTotal ? { floorsTotal: context.slots.floorsTotal } : {}),
          }),
        );
        if (dealType) slots.dealType = dealType;
        // Nobody rents a home for millions a month: a budget that large can only mean buying.
        if (!slots.dealType && (slots.budget ?? 0) >= SALE_BUDGET_FLOOR) slots.dealType = "sale";
        if (FLAT.test(text) || slots.rooms !== undefined) slots.propertyType = "flat";
        else if (OFFICE.test(text)) slots.propertyType = "office";
        else if (RETAIL.test(text)) slots.propertyType = "retail";
        const wishes = WISH_SLOTS.some((slot) => slots[slot] !== undefined);
        const openingQuestion = ASKS.test(text) && raw.trim().endsWith("?") && !wishes && !context.slots.intent;
        if (VALUATION.test(text)) intent = "valuation";
        else if (openingQuestion) intent = "question";
        else if (SEARCH.test(text)) intent = "search";
        // "нужна двушка у Сокола": wishes named before any goal are a search, the agency's main errand.
        else if (wishes && !context.slots.intent) intent = "search";
      }
      if (input.location && deps.nearestStation) {
        const station = deps.nearestStation(input.location.lat, input.location.lon);
        if (station) slots.metro = station;
      }
      if (input.userPhone && !slots.phone) {
        const phone = deps.parseSlots(input.userPhone, {}).phone;
        if (phone) slots.phone = phone;
      }

      const nameIntro = NAME_INTRO.exec(raw);
      const introduced = nameIntro?.[1] ? cleanName(nameIntro[1]) : undefined;
      if (introduced) slots.name = introduced;
      else if (context.pending?.kind === "contact" && context.pending.field === "name") {
        const name = cleanName(raw);
        if (name) slots.name = name;
      }

      if (act === "none") {
        const hasSlots = Object.keys(slots).length > 0;
        const asked = context.pending?.kind === "slot";
        if (CALL_ME.test(text) && !CALL_DECLINED.test(text)) act = "call";
        else if (BACK.test(text)) act = "back";
        else if (MORE.test(text) && (context.stage === "results" || context.stage === "contact")) act = "more";
        else if (EDIT.test(text)) act = "disagree";
        // "нет, не важно", "да без разницы": no preference, whatever the yes or no around it.
        else if (SKIP.test(text) && !hasSlots) act = "skip";
        // A bare "нет" to "Какой этаж?" means no wish.
        else if (asked && BARE_NO.test(text)) act = "skip";
        else if ((DISAGREE.test(text) || BARE_NO.test(text)) && (context.stage === "confirm" || !hasSlots))
          act = "disagree";
        else if (AGREE.test(text) && !hasSlots) act = "agree";
      }
      const askedPhone = context.pending?.kind === "contact" && context.pending.field === "phone";
      if (askedPhone && act === "none" && !slots.phone && PHONE_REFUSED.test(text)) act = "disagree";
      const backTo = act === "back" || act === "disagree" ? backTarget(text) : undefined;
      if (context.pending?.kind === "contact" && context.pending.field === "consent") {
        if (act === "disagree" || CONSENT_REFUSED.test(text)) slots.consent = false;
        else if (act === "agree" || /соглас/u.test(text)) slots.consent = true;
      }
      if (!intent && context.stage === "greeting" && raw.trim().endsWith("?")) intent = "question";
      if (act === "none" && !intent && Object.keys(slots).length === 0) confidence = 0.3;
      // A question may name funnel words ("Какая комиссия при покупке?") without being a request: let a model judge.
      if (act === "none" && intent !== "question" && raw.trim().endsWith("?")) confidence = Math.min(confidence, 0.6);

      return {
        act,
        slots,
        confidence,
        ...(intent ? { intent } : {}),
        ...(backTo ? { backTo } : {}),
        ...(relax.success ? { relax: relax.data } : {}),
      };
    },
  };
}

function parseIntent(value: string | undefined): Intent | undefined {
  return value === "search" || value === "valuation" || value === "manager" || value === "question" ? value : undefined;
}

function buttonSlot(slot: string, value: string): Slots {
  if (slot === "dealType" && (value === "sale" || value === "rent")) return { dealType: value };
  if (slot === "propertyType" && (value === "flat" || value === "office" || value === "retail"))
    return { propertyType: value };
  if (slot === "rooms" && /^\d+$/.test(value)) return { rooms: Number(value), propertyType: "flat" };
  return {};
}

function backTarget(text: string): SlotName | undefined {
  return BACK_TARGETS.find(([pattern]) => pattern.test(text))?.[1];
}

// "Я Ольга", "можно просто Саша", "Иван 😊", "Дмитрий, лучше после 18": the name without what clients put around it.
function cleanName(raw: string): string | undefined {
  const candidate = (raw.split(",")[0] ?? "")
    .replace(/[^\p{L}\s-]+/gu, " ")
    .trim()
    .replace(NAME_LEAD, "")
    .trim();
  if (!/^[\p{L}-]+(?:\s+[\p{L}-]+){0,2}$/u.test(candidate) || candidate.length > 60) return undefined;
  if (
    normalizeText(candidate)
      .split(" ")
      .some((word) => NOT_A_NAME.has(word))
  )
    return undefined;
  return candidate.replace(/(^|\s)(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
}
