// POST /v1/deliveries/:deliveryId/status: a connector says what became of a delivery it acknowledged.
import { deliveryStatusSchema, notFound } from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "./route-deps.js";

export const deliveryRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { engine }) => {
  app.post(
    "/v1/deliveries/:deliveryId/status",
    {
      config: { scope: "deliveries.report" },
      schema: {
        summary: "Report a delivery as delivered or failed",
        params: z.object({ deliveryId: z.string().min(1).max(300) }),
        body: deliveryStatusSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      if (!(await engine.deliveryStatus(request.params.deliveryId, request.body)))
        throw notFound(`delivery ${request.params.deliveryId}`);
      return reply.status(204).send(null);
    },
  );
};
