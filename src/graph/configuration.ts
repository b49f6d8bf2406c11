// What the funnel graph needs from outside: the interpreter and the two tools.
import type {
  Investment,
  InvestmentRequest,
  SearchRequest,
  SearchResult,
  Valuation,
  ValuationRequest,
} from "@wewall/shared";
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
