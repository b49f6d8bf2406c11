// A free question: answered from the knowledge base when an LLM is configured, else the manager gets it; then the funnel again.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { questionAnswererFrom } from "../configuration.js";
import { intentButtons, prompts } from "../prompts/index.js";
import type { DialogStateType, DialogUpdate } from "../state.js";
import { say } from "./say.js";

export async function answerQuestion(state: DialogStateType, config?: LangGraphRunnableConfig): Promise<DialogUpdate> {
  const { intent: _question, ...slots } = state.slots;
  const answerer = questionAnswererFrom(config);
  const question = state.turn.button === undefined ? state.turn.texts.join("\n").trim() : "";
  if (answerer && !question) {
    // The "ask a question" button: keep the intent so the next message is taken as the question.
    return { ...say(state, prompts.questionAsk), stage: "question", pending: null };
  }
  const dialogId = config?.configurable?.thread_id;
  const answer =
    answerer && typeof dialogId === "string" ? await answerer.answer(question, dialogId).catch(() => null) : null;
  const text = answer ? `${answer}\n\n${prompts.questionMore}` : prompts.questionNoAnswer;
  return { ...say(state, text, { buttons: intentButtons }), stage: "question", slots, pending: null };
}
