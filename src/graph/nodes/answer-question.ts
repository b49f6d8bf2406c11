// A free question with no knowledge base to answer it: the manager gets it, the client gets the funnel back.
import { intentButtons, prompts } from "../prompts.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export function answerQuestion(state: DialogStateType): DialogUpdate {
  const { intent: _question, ...slots } = state.slots;
  return {
    ...say(state, prompts.questionNoAnswer, { buttons: intentButtons }),
    stage: "question",
    slots,
    pending: null,
  };
}
