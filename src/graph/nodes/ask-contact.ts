// Collects what a lead needs, one field at a time: phone (with a share button), name, consent.
import { consentButtons, intentButtons, prompts } from "../prompts/index.js";
import type { ContactField, DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export function missingContactField(state: DialogStateType): ContactField | undefined {
  if (!state.slots.phone) return "phone";
  if (!state.slots.name) return "name";
  if (state.slots.consent !== true) return "consent";
  return undefined;
}

export function askContact(state: DialogStateType): DialogUpdate {
  const field = missingContactField(state);
  if (!field) return {};
  const wasAsking = state.pending?.kind === "contact" ? state.pending.field : undefined;
  const pending = { kind: "contact" as const, field };
  const answeredWrong = wasAsking === field && state.turn.texts.length > 0 && state.flags.act === "none";
  if (field === "phone") {
    if (wasAsking === "phone" && state.flags.act === "disagree") {
      return { ...say(state, prompts.noPhone, { buttons: intentButtons }), stage: "contact", pending };
    }
    const text = answeredWrong ? prompts.badPhone : prompts.askPhone;
    return { ...say(state, text, { requestPhone: true }), stage: "contact", pending };
  }
  if (field === "name") return { ...say(state, prompts.askName), stage: "contact", pending };
  const text = state.slots.consent === false ? prompts.noConsent : prompts.askConsent;
  return { ...say(state, text, { buttons: consentButtons }), stage: "contact", pending };
}
