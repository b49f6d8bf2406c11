// Where a turn goes once the message is understood: the funnel's decisions in one function.
import { missingContactField } from "./nodes/ask-contact.js";
import type { DialogStateType } from "./state.js";
import { nextStep } from "./steps.js";

export type TurnRoute =
  | "greet"
  | "handOff"
  | "answerQuestion"
  | "askSlot"
  | "confirm"
  | "valuate"
  | "searchListings"
  | "askContact"
  | "createLead"
  | "stopFollowUps";

export function routeTurn(state: DialogStateType): TurnRoute {
  const { flags, slots } = state;
  if (flags.act === "restart") return "greet";
  if (flags.act === "unsubscribe") return "stopFollowUps";
  if (flags.act === "handoff" || slots.intent === "manager") return "handOff";
  // "Позвоните мне": the manager calls with what is known so far.
  if (state.callRequested && !state.leadId) return missingContactField(state) ? "askContact" : "createLead";
  if (!slots.intent) return "greet";
  if (slots.intent === "question") return "answerQuestion";
  if (nextStep(slots, state.skipped)) return "askSlot";
  if (!state.confirmed) return "confirm";
  if ((flags.act === "more" || flags.act === "relax") && slots.intent === "search") return "searchListings";
  if (!state.results) return slots.intent === "valuation" ? "valuate" : "searchListings";
  if (missingContactField(state)) return "askContact";
  if (!state.leadId) return "createLead";
  return "greet";
}

/** After a tool has spoken, ask for the contact unless the tool failed or the lead already exists. */
export function routeAfterTool(state: DialogStateType): "askContact" | "__end__" {
  return state.toolError || !missingContactField(state) ? "__end__" : "askContact";
}
