// What the funnel graph needs from outside: the interpreter and the two tools.
import type {
  Investment,
  InvestmentRequest,
  SearchRequest,
  SearchResult,
  Valuation,
  ValuationRequest,
} from "@wewall/shared";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { MessageInterpreter } from "../nlu/message-interpreter.js";

export interface FunnelTools {
  valuate(request: ValuationRequest): Promise<Valuation>;
  investment(request: InvestmentRequest): Promise<Investment>;
  search(request: SearchRequest): Promise<SearchResult>;
}

export interface FunnelDeps {
  interpreter: MessageInterpreter;
  tools: FunnelTools;
  /** How many listings one page of results shows. */
  pageSize?: number;
}

/** Answers a free question (the LLM layer's knowledge base); null when it cannot, and the manager answers. */
export interface QuestionAnswerer {
  answer(question: string, dialogId: string): Promise<string | null>;
}

/** Optional run-time services reach nodes through LangGraph's `configurable`, as in the LangGraph templates. */
export const QUESTION_ANSWERER_KEY = "questionAnswerer";

export function questionAnswererFrom(config: LangGraphRunnableConfig | undefined): QuestionAnswerer | undefined {
  const candidate: unknown = config?.configurable?.[QUESTION_ANSWERER_KEY];
  return isQuestionAnswerer(candidate) ? candidate : undefined;
}

function isQuestionAnswerer(value: unknown): value is QuestionAnswerer {
  return typeof value === "object" && value !== null && typeof Reflect.get(value, "answer") === "function";
}
