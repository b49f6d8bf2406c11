// Named errors with a machine-readable code, an HTTP status and a cause.
export class AppError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = options.status ?? 500;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`, { status: 404 });
export const badRequest = (message: string) => new AppError("bad_request", message, { status: 400 });
