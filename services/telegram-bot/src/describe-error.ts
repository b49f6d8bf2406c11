// What of an error may reach the logs: grammY errors carry the request payload (message texts), so only name, code, message.
export interface ErrorSummary {
  name: string;
  code?: string | number;
  message: string;
  cause?: string;
}

export function describeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: "unknown", message: String(error).slice(0, 300) };
  const code = "error_code" in error ? error.error_code : "code" in error ? error.code : undefined;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return {
    name: error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    message: error.message.slice(0, 300),
    ...(cause ? { cause: cause.slice(0, 300) } : {}),
  };
}
