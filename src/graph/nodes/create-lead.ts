// Opens the lead: the turn's commit records it and publishes lead.created for the CRM connector.
import { randomUUID } from "node:crypto";
import { intentButtons, prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export function createLead(state: DialogStateType): DialogUpdate {
  const text = `${prompts.leadCreated(state.slots.name)}\n${prompts.done}`;
  return {
    ...say(state, text, { buttons: intentButtons }),
    leadId: randomUUID(),
    callRequested: false,
    stage: "done",
    pending: null,
  };
}
