// Asks the next unanswered question of the funnel, with buttons where the choice is closed.
import { prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { nextStep } from "../steps.js";
import { say } from "./say.js";

export function askSlot(state: DialogStateType): DialogUpdate {
  const step = nextStep(state.slots, state.skipped);
  if (!step) return {};
  const repeated = state.pending?.kind === "slot" && state.pending.slot === step.slot;
  const hint = repeated && step.optional ? `\n${prompts.skipHint}` : "";
  const asked = state.asked.at(-1) === step.slot ? state.asked : [...state.asked, step.slot];
  return {
    ...say(state, step.question(state.slots) + hint, step.buttons ? { buttons: step.buttons } : {}),
    stage: "slots",
    pending: { kind: "slot", slot: step.slot },
    asked,
  };
}
