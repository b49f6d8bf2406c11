// The client asked not to be written to first: the bot says it will not, and the funnel stays where it was.
import { prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export function stopFollowUps(state: DialogStateType): DialogUpdate {
  return say(state, prompts.followUpsStopped);
}
