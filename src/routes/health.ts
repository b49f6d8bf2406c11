// Liveness and readiness.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "./route-deps.js";

export const healthRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { pool, isReady }) => {
  app.get("/health", { schema: { response: { 200: z.object({ status: z.literal("ok") }) } } }, async () => ({
    status: "ok" as const,
  }));
  app.get(
    "/ready",
    { schema: { response: { 200: z.object({ status: z.literal("ready") }), 503: z.object({ status: z.string() }) } } },
    async (_request, reply) => {
      if (!isReady()) return reply.status(503).send({ status: "starting" });
      await pool.query("SELECT 1");
      return reply.status(200).send({ status: "ready" as const });
    },
  );
};
