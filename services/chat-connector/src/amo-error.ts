// Named errors for amoCRM calls; `retryable` decides between backoff and giving up on a row.
export type AmoErrorCode = "amocrm_http" | "amocrm_network" | "amocrm_unauthorized" | "not_ready" | "amocrm_bad_answer";

export class AmoError extends Error {
  readonly code: AmoErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: AmoErrorCode,
    message: string,
    options: { status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AmoError";
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? true;
    this.retryAfterMs = options.retryAfterMs;
  }
}

// 429, 5xx and 401 (after a token refresh) are worth another try; other 4xx mean our request is wrong.
export function errorFromStatus(status: number, what: string, body: string, retryAfter: string | null): AmoError {
  const retryAfterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
  if (status === 401) return new AmoError("amocrm_unauthorized", `${what}: 401`, { status });
  const retryable = status === 429 || status >= 500 || status === 403;
  return new AmoError("amocrm_http", `${what}: HTTP ${status} ${body.slice(0, 200)}`, {
    status,
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}
