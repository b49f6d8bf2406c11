// Recognises the errors that mean "the database did not answer", so a request fails fast with 503 and Retry-After.

/** How long a client is asked to wait before trying again when the database is unreachable, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

// SQLSTATE classes and codes that say the server is gone, refusing, or cancelled the statement on its timeout.
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]$|57014$|53300$)/;
// Socket errors on the way to the server.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
// node-postgres reports its own timeouts and lost connections by message only.
const DRIVER_MESSAGES = [
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "Query read timeout",
  "is not queryable",
];

/** True when `error`, or an error it was caused by, means the database is unreachable or did not answer in time. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // A cause chain is short; the bound only guards against a cycle.
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    const code = "code" in current && typeof current.code === "string" ? current.code : "";
    if (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_CODES.has(code)) return true;
    const { message } = current;
    if (DRIVER_MESSAGES.some((known) => message.includes(known))) return true;
    current = current.cause;
  }
  return false;
}
