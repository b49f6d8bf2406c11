// The fastify base every service builds on: zod schemas, OpenAPI at /docs, one error handler.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, {
  type FastifyError,
  type HTTPMethods,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerFactory,
} from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError } from "./app-error.js";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "./database-unavailable.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { authenticate, type Scope, type ServiceTokens } from "./service-auth.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without a credential: public webhooks, liveness, readiness, API docs. */
    public?: boolean;
    /** What the caller's credential must allow; unset = any valid credential. */
    scope?: Scope;
  }
}

export interface Readiness {
  ready: boolean;
  /** Why not, or what the service wants an operator to see (queue depths, say). */
  details?: Record<string, unknown>;
}

export interface HttpAppOptions {
  title: string;
  logger: Logger;
  docs?: boolean;
  bodyLimit?: number;
  // A service that answers one hot path on the bare node server hands fastify the rest through this.
  serverFactory?: FastifyServerFactory;
  /** The callers' tokens this service accepts; a route not marked public refuses a request without one. */
  auth: ServiceTokens;
  /** Served at GET /metrics, with a latency histogram per route. */
  metrics: Metrics;
  /** Answers GET /ready; the database is checked by the caller's function. */
  readiness: () => Promise<Readiness> | Readiness;
}

export type HttpApp = ReturnType<typeof createBaseApp>;

function createBaseApp(options: HttpAppOptions) {
  return Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // The longest id in a path: a delivery of an operator message, "op:<dialogId>:<messageId>" (365 characters).
    routerOptions: { maxParamLength: 512 },
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.status(400).send({ error: "bad_url", message: error.message });
    },
    ajv: { customOptions: { removeAdditional: false } },
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  }).withTypeProvider<ZodTypeProvider>();
}

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = createBaseApp(options);
  app.setValidatorCompiler(validatorCompiler);
  // PostgreSQL stores neither a NUL character nor half a surrogate pair; such a string is refused at the door rather
  // than by the database in the middle of a write. Input nested deeper than any contract is refused here too, before
  // validation or a handler walks it.
  app.addHook("preValidation", async (request, reply) => {
    const parts = { params: request.params, querystring: request.query, body: request.body };
    for (const [part, value] of Object.entries(parts)) {
      const found = findUnstorable(value, part);
      if (found === undefined) continue;
      if (found.tooDeep) {
        const message = `${found.path}: nested deeper than ${MAX_INPUT_DEPTH} levels`;
        return reply.status(400).send({ error: "too_deep", message });
      }
      const message = `${found.path}: contains a NUL character or an unpaired Unicode surrogate`;
      return reply.status(400).send({ error: "validation", message, details: [{ path: found.path, message }] });
    }
  });
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const { status, body, headers } = describeError(error);
    if (status === 503) app.log.warn({ err: error }, "database unavailable");
    else if (status >= 500) app.log.error({ err: error }, "unhandled error");
    return reply
      .status(status)
      .headers(headers ?? {})
      .send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: "not_found", message: `no route ${request.method} ${request.url}` });
  });
  // The docs describe the API to a person with a browser, who has no bearer token to send.
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/docs")) route.config = { ...route.config, public: true };
  });
  recordRoutes(app);
  guardRoutes(app, options.auth);
  observeRoutes(app, options.metrics);
  serveProbes(app, options);
  if (options.docs !== false) {
    await app.register(swagger, {
      openapi: { info: { title: options.title, version: "1.0.0" } },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
  }
  return app;
}

export interface RouteEntry {
  method: HTTPMethods;
  url: string;
  public: boolean;
}

const routeLists = new WeakMap<object, RouteEntry[]>();

/** Every route the app serves, as registered (tests check that each one not public refuses a caller without a token). */
export function listRoutes(app: HttpApp): RouteEntry[] {
  return routeLists.get(app) ?? [];
}

function recordRoutes(app: HttpApp): void {
  const routes: RouteEntry[] = [];
  routeLists.set(app, routes);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, public: route.config?.public === true });
  });
}

const unauthorized = { error: "unauthorized", message: "this route needs Authorization: Bearer <service token>" };

// Default deny: a route is open only when it says it is public.
function guardRoutes(app: HttpApp, tokens: ServiceTokens): void {
  app.addHook("onRequest", async (request, reply) => {
    const config = request.routeOptions.config;
    // An unknown path gets its 404 whoever asks: there is nothing behind it to protect.
    if (config.public || request.is404) return;
    const credential = authenticate(request.headers.authorization, tokens);
    if (!credential) return reply.status(401).header("www-authenticate", "Bearer").send(unauthorized);
    if (config.scope && !credential.may(config.scope)) {
      const message = `the ${credential.caller} credential may not ${config.scope}`;
      return reply.status(403).send({ error: "forbidden", message });
    }
  });
}

function observeRoutes(app: HttpApp, metrics: Metrics): void {
  const latency = metrics.histogram({
    name: "wewall_http_request_duration_seconds",
    help: "HTTP request latency by route and status",
    labelNames: ["method", "route", "status"],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    latency.observe({ method: request.method, route, status: reply.statusCode }, reply.elapsedTime / 1000);
  });
}

function serveProbes(app: HttpApp, options: HttpAppOptions): void {
  const open = { config: { public: true } };
  app.get("/health", open, async () => ({ status: "ok" }));
  app.get("/ready", open, async (_request, reply) => {
    const { ready, details } = await options.readiness();
    return reply.status(ready ? 200 : 503).send({ status: ready ? "ready" : "unavailable", ...details });
  });
  app.get("/metrics", { config: { scope: "metrics" } }, async (_request, reply) => {
    return reply.type(options.metrics.contentType).send(await options.metrics.text());
  });
}

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** How deep a request's JSON may nest: every contract fits in a few levels; a stack of brackets does not. */
export const MAX_INPUT_DEPTH = 64;

/**
 * The first place in `value` that is refused: a string PostgreSQL cannot store, or a value nested deeper than
 * `maxDepth`. A loop over an explicit stack, not recursion: a body of a few kilobytes of brackets cannot overflow it.
 */
export function findUnstorable(
  value: unknown,
  path: string,
  maxDepth = MAX_INPUT_DEPTH,
): { path: string; tooDeep: boolean } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value === "string") {
      if (item.value.includes("\0") || UNPAIRED_SURROGATE.test(item.value)) return { path: item.path, tooDeep: false };
      continue;
    }
    // Raw bytes (a signed webhook keeps its body as a Buffer until the signature is checked) hold no text to check,
    // and walking a forged megabyte byte by byte would cost more than verifying it.
    if (typeof item.value !== "object" || item.value === null || ArrayBuffer.isView(item.value)) continue;
    if (item.depth >= maxDepth) return { path: item.path, tooDeep: true };
    // Pushed last to first, so the first string in document order is the one reported.
    const entries = Object.entries(item.value);
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i] ?? ["", undefined];
      stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
    }
  }
  return undefined;
}

// fastify's own codes, as the one error vocabulary clients see.
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "malformed_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "empty_body",
  FST_ERR_CTP_BODY_TOO_LARGE: "body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_content_length",
};

export interface DescribedError {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Maps any error to the one JSON shape clients see: `{ error, message, details? }`. A database that cannot be
 * reached or did not answer in time is 503 with Retry-After: nothing was accepted, and the same request may be sent
 * again (the inbox deduplicates on the message id).
 */
export function describeError(error: FastifyError): DescribedError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? "body"}${issue.instancePath.replaceAll("/", ".")}`,
      message: issue.message ?? "invalid",
    }));
    const message = details.map((d) => `${d.path}: ${d.message}`).join("; ");
    return { status: 400, body: { error: "validation", message, details } };
  }
  const serverSide = error instanceof AppError ? error.status >= 500 : (error.statusCode ?? 500) >= 500;
  if (serverSide && isDatabaseUnavailable(error)) {
    const message = "the database did not answer in time; nothing was accepted, retry later";
    const headers = { "retry-after": String(DATABASE_RETRY_AFTER_SECONDS) };
    return { status: 503, body: { error: "database_unavailable", message }, headers };
  }
  if (error instanceof AppError) return { status: error.status, body: { error: error.code, message: error.message } };
  const status = error.statusCode ?? 500;
  if (status >= 500) return { status: 500, body: { error: "internal", message: "internal error" } };
  const code = FRAMEWORK_CODES[error.code] ?? "bad_request";
  return { status, body: { error: code, message: error.message } };
}
