// POST /v1/dialogs/:dialogId/follow-ups: the scheduler's message to a silent client, sent only if still welcome.
import {
  dialogIdSchema,
  followUpAnswerSchema,
  followUpRefusalSchema,
  followUpRequestSchema,
  notFound,
} from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "./route-deps.js";

const params = z.object({ dialogId: dialogIdSchema });

export const followUpRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { engine }) => {
  app.post(
    "/v1/dialogs/:dialogId/follow-ups",
    {
      config: { scope: "followups.write" },
      schema: {
        summary:
          "A follow-up to a silent client (idempotent on followUpId): sent only while the bot owns the dialog, " +
          "the client has neither blocked the bot nor asked for silence, and nothing was said since ifLastEventId",
        params,
        body: followUpRequestSchema,
        response: {
          200: followUpAnswerSchema,
          409: z.object({ sent: z.literal(false), reason: followUpRefusalSchema }),
        },
      },
    },
    async (request, reply) => {
      const answer = await engine.followUp(request.params.dialogId, request.body);
      if (!answer) throw notFound(`dialog ${request.params.dialogId}`);
      return reply.status(answer.sent ? 200 : 409).send(answer);
    },
  );
};
