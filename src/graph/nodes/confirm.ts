// Sums up what the bot understood and asks the client to agree or correct it.
import { confirmButtons, prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { summarize } from "../steps.js";
import { say } from "./say.js";

export function confirm(state: DialogStateType): DialogUpdate {
  const text = `${prompts.confirmIntro}\n${summarize(state.slots)}\n\n${prompts.confirmAsk}`;
  return { ...say(state, text, { buttons: confirmButtons }), stage: "confirm", pending: null };
}
