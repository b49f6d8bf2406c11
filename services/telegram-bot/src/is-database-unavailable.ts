// The database is restarting, unreachable or out of connections: errors that pass, unlike a bug or a bad row.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND"]);
// SQLSTATE: 08 connection exception, 53 insufficient resources, 57P01-03 shutdown or not yet accepting connections,
// 40001 / 40P01 serialization failure and deadlock (retrying is the documented remedy).
const SQLSTATES = /^(08|53|57P0[123]$|40001$|40P01$)/;
// node-postgres reports a dropped or timed-out connection as a plain Error with no code.
const POOL_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  if (code !== undefined) return NETWORK_CODES.has(code) || SQLSTATES.test(code);
  return POOL_MESSAGES.test(error.message);
}
