// The calculator and analog-search services as the funnel's tools, over HTTP with a timeout and validated answers.
import {
  bearer,
  investmentSchema,
  postJson,
  searchResultSchema,
  valuationSchema,
  type InvestmentRequest,
  type JsonResponse,
  type SearchRequest,
  type ValuationRequest,
} from "@wewall/shared";
import type { z } from "zod";
import type { FunnelTools } from "../configuration.js";

export class ToolUnavailableError extends Error {
  readonly code = "tool_unavailable";
}

export interface HttpToolsOptions {
  calculatorUrl: string;
  searchUrl: string;
  timeoutMs: number;
  /** The core's service token: the tool services refuse calls without it. */
  token: string | undefined;
}

export function createHttpTools(options: HttpToolsOptions): FunnelTools {
  const headers = bearer(options.token);
  async function call<T extends z.ZodType>(base: string, path: string, body: unknown, schema: T): Promise<z.infer<T>> {
    let response: JsonResponse;
    try {
      response = await postJson(new URL(path, base), body, options.timeoutMs, headers);
    } catch (cause) {
      throw new ToolUnavailableError(`${path} did not answer`, { cause });
    }
    if (response.status < 200 || response.status >= 300)
      throw new ToolUnavailableError(`${path} answered ${response.status}: ${response.text}`);
    let answer: unknown;
    try {
      answer = JSON.parse(response.text);
    } catch (cause) {
      throw new ToolUnavailableError(`${path} answered something that is not JSON`, { cause });
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success)
      throw new ToolUnavailableError(`${path} answered an unexpected shape`, { cause: parsed.error });
    return parsed.data;
  }

  return {
    valuate: (request: ValuationRequest) => call(options.calculatorUrl, "/v1/valuations", request, valuationSchema),
    investment: (request: InvestmentRequest) =>
      call(options.calculatorUrl, "/v1/investment", request, investmentSchema),
    search: (request: SearchRequest) => call(options.searchUrl, "/v1/search", request, searchResultSchema),
  };
}
