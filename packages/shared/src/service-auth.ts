// Who may call a service: one bearer token per calling service, with the scopes that service needs, and ADMIN_TOKEN.
import { z } from "zod";
import { sameSecret } from "./same-secret.js";

/** What a credential allows. A route names the one it needs; a route naming none needs any valid credential. */
export type Scope =
  | "messages.write" // post client messages, report a block
  | "events.read" // the ordered event feed
  | "dialogs.read" // a dialog's state and transcript
  | "dialogs.manage" // hand off, release, write as a manager
  | "dialogs.erase" // erase every row about a client
  | "deliveries.report" // report a delivery's outcome to the core
  | "deliveries.push" // push a reply to a channel connector
  | "followups.write" // send a follow-up to a silent client
  | "tools" // valuations and searches
  | "metrics"; // GET /metrics

/** Every service that calls another, the variable its token is read from, and what it may do. */
export const SERVICE_CALLERS = {
  admin: { variable: "ADMIN_TOKEN", scopes: "all" },
  core: { variable: "CORE_SERVICE_TOKEN", scopes: ["tools", "deliveries.push"] },
  "telegram-bot": {
    variable: "TELEGRAM_SERVICE_TOKEN",
    scopes: ["messages.write", "events.read", "deliveries.report"],
  },
  "chat-connector": {
    variable: "CHAT_CONNECTOR_SERVICE_TOKEN",
    scopes: ["messages.write", "events.read", "dialogs.read", "dialogs.manage", "dialogs.erase", "deliveries.report"],
  },
  // Reads the feed to plan follow-ups, sends them, and erases dialogs past their retention.
  scheduler: {
    variable: "SCHEDULER_SERVICE_TOKEN",
    scopes: ["events.read", "followups.write", "dialogs.read", "dialogs.erase"],
  },
  // The partner API: partners' messages and reads, handoffs, the feed for their leads, valuations and searches.
  "external-api": {
    variable: "EXTERNAL_API_SERVICE_TOKEN",
    scopes: ["messages.write", "dialogs.read", "dialogs.manage", "events.read", "tools"],
  },
} as const satisfies Record<string, { variable: string; scopes: readonly Scope[] | "all" }>;

export type Caller = keyof typeof SERVICE_CALLERS;
export type ServiceTokens = Partial<Record<Caller, string>>;

const CALLERS = Object.keys(SERVICE_CALLERS).filter((name): name is Caller => name in SERVICE_CALLERS);

const tokenSchema = z
  .string()
  .regex(/^[\x21-\x7e]{16,256}$/, "must be 16-256 printable characters without spaces (openssl rand -hex 24)");

/** The environment variables of every caller's token, for a service's config schema. */
export const serviceTokensEnvShape = Object.fromEntries(
  CALLERS.map((caller) => [SERVICE_CALLERS[caller].variable, tokenSchema.optional()]),
);

/** Picks the callers' tokens out of the (validated) environment. */
export function serviceTokensFrom(env: Record<string, unknown>): ServiceTokens {
  const tokens: ServiceTokens = {};
  for (const caller of CALLERS) {
    const value = env[SERVICE_CALLERS[caller].variable];
    if (typeof value === "string" && value !== "") tokens[caller] = value;
  }
  return tokens;
}

export interface Credential {
  caller: Caller;
  may(scope: Scope): boolean;
}

/** The caller an `Authorization: Bearer …` header proves, compared in constant time against every configured token. */
export function authenticate(header: string | undefined, tokens: ServiceTokens): Credential | undefined {
  let found: Caller | undefined;
  // Every token is compared, matched or not, so the time taken says nothing about which one was close.
  for (const caller of CALLERS) {
    const token = tokens[caller];
    if (token !== undefined && sameSecret(header, `Bearer ${token}`) && found === undefined) found = caller;
  }
  if (found === undefined) return undefined;
  const allowed: readonly Scope[] | "all" = SERVICE_CALLERS[found].scopes;
  return { caller: found, may: (scope) => allowed === "all" || allowed.includes(scope) };
}

/** The header a service sends with its own token. */
export const bearer = (token: string | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};
