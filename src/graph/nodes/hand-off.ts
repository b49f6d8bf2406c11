// Gives the dialog to a manager: the bot says so once and stays silent until it is handed back.
import { prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export function handOff(state: DialogStateType): DialogUpdate {
  const { intent, ...rest } = state.slots;
  const slots = intent === "manager" ? rest : state.slots;
  return { ...say(state, prompts.handoff), owner: "manager", slots, pending: null };
}
