// What every partner route runs first: the partner's key, the route's scope, the rate limit and quota, the usage
// count, then the Idempotency-Key (replayed, refused, or taken and filled with the answer).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "@wewall/shared";
import { requestHash, type IdempotencyStore } from "./idempotency-store.js";
import type { PartnerIdentity, PartnerKeys, PartnerScope } from "./partner-keys.js";
import type { Decision, Limit, RateLimiter } from "./rate-limiter.js";
import type { UsageKind, UsageStore } from "./usage-store.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The partner scope a partner route needs (partner routes are public to service tokens, keyed by partners). */
    partnerScope?: PartnerScope;
    /** What a call of this route is counted as in the partner's daily usage. */
    usage?: UsageKind;
  }
}

export interface PartnerGuardDeps {
  keys: PartnerKeys;
  limiter: RateLimiter;
  idempotency: IdempotencyStore;
  usage: UsageStore;
  rate: Limit;
  /** Calls per partner per UTC day, for the expensive kinds (valuations; messages, each a turn that may ask the LLM). */
  quotas: Partial<Record<UsageKind, number>>;
  logger: Logger;
}

const identities = new WeakMap<FastifyRequest, PartnerIdentity>();
const claimed = new WeakMap<FastifyRequest, string>();

/** The partner a guarded request was authenticated as. */
export function partnerOf(request: FastifyRequest): PartnerIdentity {
  const identity = identities.get(request);
  if (!identity) throw new Error("partner route reached without the partner guard");
  return identity;
}

function keyFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7);
  const apiKey = request.headers["x-api-key"];
  return typeof apiKey === "string" ? apiKey : undefined;
}

function limitHeaders(reply: FastifyReply, limit: number, decision: Decision): void {
  void reply.header("ratelimit-limit", limit).header("ratelimit-remaining", decision.remaining);
  void reply.header("ratelimit-reset", decision.reset);
  if (!decision.allowed) void reply.header("retry-after", decision.retryAfter);
}

export function addPartnerGuard(app: FastifyInstance, deps: PartnerGuardDeps): void {
  app.addHook("onRequest", async (request, reply) => {
    const identity = await deps.keys.verify(keyFrom(request));
    if (!identity) {
      const message = "this route needs Authorization: Bearer <partner API key>";
      return reply.status(401).header("www-authenticate", "Bearer").send({ error: "unauthorized", message });
    }
    identities.set(request, identity);
    const { partnerScope, usage } = request.routeOptions.config;
    if (partnerScope && !identity.scopes.includes(partnerScope)) {
      return reply.status(403).send({ error: "forbidden", message: `this key lacks the ${partnerScope} scope` });
    }
    const decision = await deps.limiter.take(`key:${identity.keyId}`, deps.rate);
    limitHeaders(reply, deps.rate.burst, decision);
    if (!decision.allowed) {
      await deps.usage.count(identity.partnerId, "rejected");
      return reply.status(429).send({ error: "rate_limited", message: "too many requests for this key" });
    }
    const perDay = usage === undefined ? undefined : deps.quotas[usage];
    if (usage !== undefined && perDay !== undefined) {
      const quota = await deps.limiter.quota(`${usage}:${identity.partnerId}`, perDay);
      if (!quota.allowed) {
        limitHeaders(reply, perDay, quota);
        await deps.usage.count(identity.partnerId, "rejected");
        return reply.status(429).send({ error: "quota_exceeded", message: `the daily quota of ${usage} is used up` });
      }
    }
    await deps.usage.count(identity.partnerId, usage ?? "requests");
  });

  app.addHook("preHandler", async (request, reply) => {
    const key = request.headers["idempotency-key"];
    if (request.method !== "POST" || typeof key !== "string") return;
    if (key === "" || key.length > 255) {
      return reply.status(400).send({ error: "validation", message: "Idempotency-Key must be 1-255 characters" });
    }
    const { partnerId } = partnerOf(request);
    const hash = requestHash(request.method, request.url, request.body);
    const claim = await deps.idempotency.claim(partnerId, key, hash);
    if (claim.kind === "new") claimed.set(request, key);
    else if (claim.kind === "replay") {
      return reply.status(claim.status).type("application/json").header("idempotent-replayed", "true").send(claim.body);
    } else if (claim.kind === "in_progress") {
      return reply
        .status(409)
        .send({ error: "in_progress", message: "a request with this Idempotency-Key is running" });
    } else {
      const message = "this Idempotency-Key was used with a different request";
      return reply.status(422).send({ error: "idempotency_mismatch", message });
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const key = claimed.get(request);
    if (key === undefined) return payload;
    claimed.delete(request);
    const { partnerId } = partnerOf(request);
    try {
      // A failure of ours is not an answer to keep: the partner's retry does the work again.
      if (reply.statusCode >= 500 || typeof payload !== "string") await deps.idempotency.release(partnerId, key);
      else await deps.idempotency.complete(partnerId, key, reply.statusCode, payload);
    } catch (error) {
      deps.logger.error({ err: error }, "could not store an idempotent answer; the key runs again when retried");
    }
    return payload;
  });
}
