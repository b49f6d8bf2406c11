// The fastify base every service builds on: zod schemas, OpenAPI at /docs, one error handler.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
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
}

export type HttpApp = ReturnType<typeof createBaseApp>;

function createBaseApp(options: HttpAppOptions) {
  return Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    disableRequestLogging: true,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
}

export async function createHttpApp(options: HttpAppOptions): Promise<HttpApp> {
  const app = createBaseApp(options);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
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

function handleError(
  this: FastifyInstance,
  error: FastifyError,
  _request: unknown,
  reply: import("fastify").FastifyReply,
) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? "body"}${issue.instancePath.replaceAll("/", ".")}`,
      message: issue.message ?? "invalid",
    }));
    const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
    return reply.status(400).send({ error: "validation", message: summary, details });
  }
  if (error instanceof AppError) {
    return reply.status(error.status).send({ error: error.code, message: error.message });
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    const code =
      error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError
        ? "malformed_json"
        : (error.code ?? "bad_request");
    return reply.status(status).send({ error: code, message: error.message });
  }
  this.log.error({ err: error }, "unhandled error");
  return reply.status(500).send({ error: "internal", message: "internal error" });
}
