// The fastify base every service builds on: zod schemas, OpenAPI at /docs, one error handler.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyServerFactory } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { AppError } from "./app-error.js";
import type { Logger } from "./logger.js";

export interface HttpAppOptions {
  title: string;
  logger: Logger;
  docs?: boolean;
  bodyLimit?: number;
  // A service that answers one hot path on the bare node server hands fastify the rest through this.
  serverFactory?: FastifyServerFactory;
}

export type HttpApp = ReturnType<typeof createBaseApp>;

function createBaseApp(options: HttpAppOptions) {
  return Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    ajv: { customOptions: { removeAdditional: false } },
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
  }).withTypeProvider<ZodTypeProvider>();
}

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = createBaseApp(options);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const { status, body } = describeError(error);
    if (status >= 500) app.log.error({ err: error }, "unhandled error");
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: "not_found", message: `no route ${request.method} ${request.url}` });
  });
  if (options.docs !== false) {
    await app.register(swagger, {
      openapi: { info: { title: options.title, version: "1.0.0" } },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
  }
  return app;
}

/** Maps any error to the one JSON shape clients see: `{ error, message, details? }`. */
export function describeError(error: FastifyError): { status: number; body: Record<string, unknown> } {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? "body"}${issue.instancePath.replaceAll("/", ".")}`,
      message: issue.message ?? "invalid",
    }));
    const message = details.map((d) => `${d.path}: ${d.message}`).join("; ");
    return { status: 400, body: { error: "validation", message, details } };
  }
  if (error instanceof AppError) return { status: error.status, body: { error: error.code, message: error.message } };
  const status = error.statusCode ?? 500;
  if (status >= 500) return { status: 500, body: { error: "internal", message: "internal error" } };
  const code = error.code === "FST_ERR_CTP_INVALID_JSON_BODY" ? "malformed_json" : (error.code ?? "bad_request");
  return { status, body: { error: code, message: error.message } };
}
