// Rule-based Russian NLU: agree / back / skip / handoff / intent / choices, numbers through the slot parser.
import { relaxFilterSchema, type Intent, type SlotName, type Slots } from "@wewall/shared";
import type { TurnFlags, TurnInput } from "../graph/state.js";
import type { Interpretation, InterpretContext, MessageInterpreter, SlotParser } from "./message-interpreter.js";
import { normalizeText } from "./normalize-text.js";
import {
  AGREE,
  BACK,
  BACK_TARGETS,
  DISAGREE,
  EDIT,
  FLAT,
  HANDOFF,
  MORE,
  NAME_INTRO,
  NOT_A_NAME,
  OFFICE,
  RENT,
  RESTART,
  RETAIL,
  SALE,
  SEARCH,
  SKIP,
  VALUATION,
} from "./russian-cues.js";

export interface RuleInterpreterDeps {
  parseSlots: SlotParser;
  nearestStation?: (lat: number, lon: number) => string | undefined;
}

const SALE_BUDGET_FLOOR = 3_000_000;

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

      if (RESTART.test(text)) return { act: "restart", slots: {}, confidence: 1 };
      if (act === "none" && HANDOFF.test(text) && !/не (нужен|надо|зови)/u.test(text)) act = "handoff";
      if (intent === "manager") act = "handoff";

      // A pressed button's own label ("бюджет до 18 млн — найдётся 12") is not the client's wish to parse.
      if (!choice && !relax.success) {
        const expect = context.pending?.kind === "slot" ? context.pending.slot : undefined;
        Object.assign(
          slots,
          deps.parseSlots(raw, {
            ...(expect ? { expect } : {}),
            ...(context.slots.dealType ? { dealType: context.slots.dealType } : {}),
            ...(context.slots.floorsTotal ? { floorsTotal: context.slots.floorsTotal } : {}),
          }),
        );
        if (VALUATION.test(text)) intent = "valuation";
        else if (SEARCH.test(text)) intent = "search";
        if (SALE.test(text) && !RENT.test(text)) slots.dealType = "sale";
        else if (RENT.test(text) && !SALE.test(text)) slots.dealType = "rent";
        // Nobody rents a home for millions a month: a budget that large can only mean buying.
        if (!slots.dealType && (slots.budget ?? 0) >= SALE_BUDGET_FLOOR) slots.dealType = "sale";
        if (FLAT.test(text) || slots.rooms !== undefined) slots.propertyType = "flat";
        else if (OFFICE.test(text)) slots.propertyType = "office";
        else if (RETAIL.test(text)) slots.propertyType = "retail";
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
      if (nameIntro?.[1]) slots.name = nameIntro[1];
      else if (context.pending?.kind === "contact" && context.pending.field === "name") {
        const name = cleanName(raw);
        if (name) slots.name = name;
      }

      if (act === "none") {
        const hasSlots = Object.keys(slots).length > 0;
        if (BACK.test(text)) act = "back";
        else if (MORE.test(text) && (context.stage === "results" || context.stage === "contact")) act = "more";
        else if (EDIT.test(text)) act = "disagree";
        else if (DISAGREE.test(text) && (context.stage === "confirm" || !hasSlots)) act = "disagree";
        else if (AGREE.test(text) && !hasSlots) act = "agree";
        else if (SKIP.test(text) && !hasSlots) act = "skip";
      }
      const backTo = act === "back" || act === "disagree" ? backTarget(text) : undefined;
      if (context.pending?.kind === "contact" && context.pending.field === "consent") {
        if (act === "agree" || /соглас/u.test(text)) slots.consent = true;
        else if (act === "disagree") slots.consent = false;
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

function cleanName(raw: string): string | undefined {
  const candidate = raw.trim().replace(/[.!]+$/u, "");
  if (!/^[\p{L}-]+(?:\s+[\p{L}-]+){0,2}$/u.test(candidate) || candidate.length > 60) return undefined;
  if (
    normalizeText(candidate)
      .split(" ")
      .some((word) => NOT_A_NAME.has(word))
  )
    return undefined;
  return candidate.replace(/(^|\s)(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
}
