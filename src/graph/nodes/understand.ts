// Reads the client's message(s) and folds what they say into the slots: answers, corrections, going back, skipping.
import { slotsSchema, type SlotName, type Slots } from "@wewall/shared";
import { prompts } from "../prompts/index.js";
import type { FunnelDeps } from "../configuration.js";
import type { DialogStateType, DialogUpdate, TurnFlags } from "../state.js";
import { FUNNEL_SLOTS, stepFor } from "../steps.js";
import { rememberClient } from "./say.js";

const SLOT_NAMES = slotsSchema.keyof().options;
const PROPERTY_ERRANDS = new Set<string>(["search", "valuation"]);
const CONTACT_SLOTS = new Set<SlotName>(["phone", "name", "consent"]);

export function createUnderstandNode(deps: FunnelDeps) {
  return async function understand(state: DialogStateType): Promise<DialogUpdate> {
    const fresh = { replies: [], toolError: false };
    if (state.turn.kind === "resume")
      return { ...fresh, flags: { act: "none", corrected: false, notice: prompts.resumed } };
    const text = state.turn.texts.join("\n");
    const recent = rememberClient(state, text);
    const meaning = await deps.interpreter.interpret(state.turn, {
      stage: state.stage,
      pending: state.pending,
      slots: state.slots,
    });
    if (meaning.act === "restart") {
      return {
        ...fresh,
        recent,
        flags: { act: "restart", corrected: false, notice: prompts.restarted },
        slots: {},
        skipped: [],
        asked: [],
        pending: null,
        confirmed: false,
        results: null,
        callRequested: false,
        stage: "greeting",
      };
    }

    const slots: Slots = { ...state.slots };
    let skipped = [...state.skipped];
    let asked = [...state.asked];
    let confirmed = state.confirmed;
    let results = state.results;
    let notice: string | undefined;

    if (meaning.intent && meaning.intent !== "manager" && meaning.intent !== slots.intent) {
      // The flat to buy and the flat to value are different flats: the new errand starts from what this message says.
      if (PROPERTY_ERRANDS.has(meaning.intent) && slots.intent && PROPERTY_ERRANDS.has(slots.intent)) {
        for (const name of SLOT_NAMES) if (!CONTACT_SLOTS.has(name)) delete slots[name];
        skipped = [];
        asked = [];
      }
      slots.intent = meaning.intent;
      confirmed = false;
      results = null;
    }
    // A monthly rent and a purchase price are different budgets.
    const dealChanged = meaning.slots.dealType && slots.dealType && meaning.slots.dealType !== slots.dealType;
    if (dealChanged && meaning.slots.budget === undefined) {
      delete slots.budget;
      delete slots.budgetMin;
    }

    const goingBack = meaning.act === "back" || (meaning.act === "disagree" && meaning.backTo !== undefined);
    if (goingBack) {
      const target = meaning.backTo ?? previousQuestion(asked, state.pending);
      if (target) {
        delete slots[target];
        if (target === "budget") delete slots.budgetMin;
        skipped = skipped.filter((slot) => slot !== target);
        asked = asked.slice(0, Math.max(asked.lastIndexOf(target), 0));
        confirmed = false;
        results = null;
      } else notice = prompts.backNothing;
    }

    const { changed, problem } = mergeSlots(slots, meaning.slots, state.slots);
    if (problem) notice = problem;
    if (changed.some((slot) => FUNNEL_SLOTS.some((funnelSlot) => funnelSlot === slot))) {
      confirmed = false;
      results = null;
    }

    if (meaning.act === "relax" && meaning.relax && results && !results.relaxed?.includes(meaning.relax))
      results = { ...results, relaxed: [...(results.relaxed ?? []), meaning.relax] };

    const pendingSlot = state.pending?.kind === "slot" ? state.pending.slot : undefined;
    if (meaning.act === "skip" && pendingSlot && stepFor(pendingSlot)?.optional) skipped = [...skipped, pendingSlot];
    if (state.stage === "confirm" && meaning.act === "agree" && changed.length === 0) confirmed = true;
    if (state.stage === "confirm" && meaning.act === "disagree" && changed.length === 0 && !meaning.backTo)
      notice = prompts.editAsk;

    const understoodNothing =
      meaning.act === "none" && !meaning.intent && changed.length === 0 && state.turn.button === undefined;
    if (understoodNothing && pendingSlot && !notice) notice = prompts.didNotUnderstand;

    // A call asked for holds while the client answers the contact questions; a refusal or anything else ends it.
    const answeringContact = state.pending?.kind === "contact" && (meaning.act === "none" || meaning.act === "agree");
    const callRequested = meaning.act === "call" || (state.callRequested && answeringContact);
    // Before any results the funnel goes on with its next question; after them, the contact step answers the refusal.
    if (state.callRequested && !callRequested && meaning.act === "disagree" && !results) notice ??= prompts.callDropped;
    const flags: TurnFlags = { act: meaning.act, corrected: changed.length > 0, ...(notice ? { notice } : {}) };
    return { ...fresh, recent, flags, slots, skipped, asked, confirmed, results, callRequested };
  };
}

function previousQuestion(asked: readonly SlotName[], pending: DialogStateType["pending"]): SlotName | undefined {
  const current = pending?.kind === "slot" ? pending.slot : undefined;
  const before = current && asked.at(-1) === current ? asked.slice(0, -1) : asked;
  return before.at(-1);
}

// Copies each parsed value in, unless its step rejects it; reports what changed and the first problem.
function mergeSlots(target: Slots, parsed: Slots, before: Slots): { changed: SlotName[]; problem?: string } {
  const changed: SlotName[] = [];
  let problem: string | undefined;
  for (const name of SLOT_NAMES) {
    const value = parsed[name];
    if (value === undefined) continue;
    const candidate: Slots = { ...target, [name]: value };
    const error = stepFor(name)?.validate?.(candidate) ?? null;
    if (error) {
      problem ??= error;
      continue;
    }
    Object.assign(target, { [name]: value });
    if (before[name] !== value) changed.push(name);
  }
  return problem ? { changed, problem } : { changed };
}
