// GET /health (the process answers) and GET /ready (migrations ran, workers and the bot are up).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export interface HealthRouteOptions {
  ready(): boolean;
  queues(): { updates: number; deliveries: number };
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRouteOptions> = async (app, options) => {
  app.get("/health", { schema: { response: { 200: z.object({ ok: z.boolean() }) } } }, async () => ({ ok: true }));
  app.get("/ready", async (_request, reply) => {
    const ready = options.ready();
    return reply.status(ready ? 200 : 503).send({ ready, queued: options.queues() });
  });
};
