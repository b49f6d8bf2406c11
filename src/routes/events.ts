// GET /v1/events: the ordered event log, read with a cursor and long-polled.
import { eventWirePageSchema } from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "./route-deps.js";

export const eventRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { engine }) => {
  app.get(
    "/v1/events",
    {
      config: { scope: "events.read" },
      schema: {
        summary: "Dialog events after a cursor, in order (at least once; keep your cursor)",
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          waitMs: z.coerce.number().int().min(0).max(30_000).default(0),
        }),
        response: { 200: eventWirePageSchema },
      },
    },
    async (request) => {
      const { after, limit, waitMs } = request.query;
      const events = await engine.events.poll(after, limit, waitMs);
      return { events, cursor: events.at(-1)?.id ?? after };
    },
  );
};
