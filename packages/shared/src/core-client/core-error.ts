// The one error of a call to the core: `retryable` says whether the same call can succeed later.
export type CoreErrorCode =
  // Down, overloaded, timed out or unreachable: retryable.
  | "core_unavailable"
  // The core refused the request itself (4xx other than 408 and 429): a retry gets the same answer.
  | "core_rejected"
  // A success whose body is not what the contract says: a retry would read the same.
  | "core_bad_answer";

export class CoreError extends Error {
  readonly code: CoreErrorCode;
  /** The core's HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(code: CoreErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CoreError";
    this.code = code;
    this.status = options.status;
    this.retryable = code === "core_unavailable";
  }
}

/** The error for a non-2xx answer: 5xx, 408 and 429 pass, any other status is the core saying no. */
export function coreErrorFromStatus(status: number, what: string, body: string): CoreError {
  const passing = status >= 500 || status === 408 || status === 429;
  return new CoreError(passing ? "core_unavailable" : "core_rejected", `core answered ${status} to ${what}: ${body}`, {
    status,
  });
}
