// The dialog a model call is made for: the graph's thread id, read from LangGraph's run context (the interpreter has no other way).
import { getConfig } from "@langchain/langgraph";

export function currentDialogId(): string | undefined {
  try {
    const id: unknown = getConfig().configurable?.thread_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    // Outside a graph run (unit tests, benchmarks) there is no context to read.
    return undefined;
  }
}
