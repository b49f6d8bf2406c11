// The one error the LLM layer throws: callers catch it and fall back to rules, never letting it reach a dialog.
export type LlmErrorCode =
  | "llm_timeout"
  | "llm_rate_limited"
  | "llm_server"
  | "llm_network"
  | "llm_bad_request"
  | "llm_bad_output"
  | "llm_circuit_open"
  | "llm_spend_cap";

export class LlmError extends Error {
  readonly code: LlmErrorCode;
  /** HTTP status of the provider's answer, when there was one. */
  readonly status: number | undefined;

  constructor(code: LlmErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.name = "LlmError";
    this.code = code;
    this.status = options.status;
  }

  /** Worth another attempt: the provider is busy or briefly broken, not wrong about the request. */
  get retryable(): boolean {
    return this.code === "llm_rate_limited" || this.code === "llm_server" || this.code === "llm_network";
  }

  /** Counts against the provider's health (the circuit breaker); a garbled answer or our own cap does not. */
  get providerFailure(): boolean {
    return this.retryable || this.code === "llm_timeout";
  }
}

/** Maps whatever the OpenAI client threw to an LlmError with the original as its cause. */
export function toLlmError(error: unknown, timedOut: boolean): LlmError {
  if (error instanceof LlmError) return error;
  if (timedOut) return new LlmError("llm_timeout", "model call timed out", { cause: error });
  const status = statusOf(error);
  if (status === 429) return new LlmError("llm_rate_limited", "model rate limited", { cause: error, status });
  if (status !== undefined && status >= 500)
    return new LlmError("llm_server", `model answered ${status}`, { cause: error, status });
  if (status !== undefined)
    return new LlmError("llm_bad_request", `model answered ${status}`, { cause: error, status });
  if (error instanceof SyntaxError) return new LlmError("llm_bad_output", "model answer is not JSON", { cause: error });
  return new LlmError("llm_network", "model unreachable", { cause: error });
}

function statusOf(error: unknown): number | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 4; depth += 1) {
    const status: unknown = Reflect.get(current, "status");
    if (typeof status === "number") return status;
    current = Reflect.get(current, "cause");
  }
  return undefined;
}
