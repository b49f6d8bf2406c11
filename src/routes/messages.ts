// POST /v1/dialogs/:dialogId/messages: store first, answer at once, or wait for the turn with ?wait=true.
import { acceptedSchema, dialogIdSchema, incomingMessageSchema, turnRepliesSchema } from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RouteDeps } from "./route-deps.js";

const WAIT_MS = 30_000;

export const messageRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { engine }) => {
  app.post(
    "/v1/dialogs/:dialogId/messages",
    {
      config: { scope: "messages.write" },
      schema: {
        summary: "Accept a client message (idempotent on messageId)",
        params: z.object({ dialogId: dialogIdSchema }),
        querystring: z.object({ wait: z.enum(["true", "false"]).default("false") }),
        body: incomingMessageSchema,
        response: { 200: turnRepliesSchema, 202: acceptedSchema },
      },
    },
    async (request, reply) => {
      const { inboxId, waiting } = await engine.accept(request.params.dialogId, request.body);
      const answered = inboxId ?? waiting ?? null;
      if (request.query.wait === "true" && answered !== null) {
        const replies = await engine.waitForReplies(answered, WAIT_MS);
        if (replies) return reply.status(200).send({ replies });
      }
      return reply.status(202).send({ accepted: true, duplicate: inboxId === null });
    },
  );
};
