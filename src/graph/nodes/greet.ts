// Greets a new client (or one who starts over, or is done) and offers the four things the bot can do.
import { intentButtons, prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export function greet(state: DialogStateType): DialogUpdate {
  const text = state.leadId ? prompts.done : state.recent.length <= 1 ? prompts.greeting : prompts.chooseIntent;
  return { ...say(state, text, { buttons: intentButtons }), stage: state.leadId ? "done" : "greeting", pending: null };
}
