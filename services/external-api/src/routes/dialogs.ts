// Partner dialogs: a partner's user talks to the bot in dialog partner:<partner id>:<user id>, and only there.
import { randomUUID } from "node:crypto";
import {
  acceptedSchema,
  CoreError,
  dialogViewSchema,
  replySchema,
  transcriptEntrySchema,
  type CoreClient,
} from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { partnerOf } from "../partner-guard.js";

export interface DialogRoutesDeps {
  core: CoreClient;
}

const params = z.object({
  userId: z.string().regex(/^[A-Za-z0-9_.@-]{1,80}$/, "userId: 1-80 of A-Z a-z 0-9 _ . @ -"),
});
const errorSchema = z.object({ error: z.string(), message: z.string() });

const partnerMessageSchema = z.strictObject({
  text: z.string().trim().min(1, "text must not be empty").max(4096),
  // The partner's own id of the message: a repeat is recognised and not answered twice.
  messageId: z.string().min(1).max(200).optional(),
  button: z.string().min(1).max(64).optional(),
  user: z.strictObject({ name: z.string().max(200).optional(), phone: z.string().max(32).optional() }).optional(),
});

const dialogIdOf = (partnerId: string, userId: string) => `partner:${partnerId}:${userId}`;

// The core's 404 is the partner's 404; everything else is ours to report.
function notFound(error: unknown): boolean {
  return error instanceof CoreError && error.status === 404;
}

export const dialogRoutes: FastifyPluginAsyncZod<DialogRoutesDeps> = async (app, { core }) => {
  app.post(
    "/dialogs/:userId/messages",
    {
      config: { public: true, partnerScope: "dialogs", usage: "messages" },
      schema: {
        summary: "Send a user's message to the bot; ?wait=true answers with the bot's replies",
        params,
        querystring: z.object({ wait: z.enum(["true", "false"]).default("false") }),
        body: partnerMessageSchema,
        response: { 200: z.object({ replies: z.array(replySchema) }), 202: acceptedSchema },
      },
    },
    async (request, reply) => {
      const { partnerId } = partnerOf(request);
      const { text, button, user } = request.body;
      const key = request.headers["idempotency-key"];
      const messageId = request.body.messageId ?? (typeof key === "string" ? `idem:${key}` : randomUUID());
      const wait = request.query.wait === "true";
      const answer = await core.postMessage(
        dialogIdOf(partnerId, request.params.userId),
        {
          messageId,
          text,
          channel: "partner",
          source: partnerId,
          ...(button ? { button } : {}),
          user: { id: request.params.userId, ...user },
        },
        { wait },
      );
      if (answer.replies) return reply.status(200).send({ replies: answer.replies });
      return reply.status(202).send({ accepted: true, duplicate: answer.duplicate });
    },
  );

  app.get(
    "/dialogs/:userId",
    {
      config: { public: true, partnerScope: "dialogs" },
      schema: {
        summary: "The dialog's stage, owner and slots",
        params,
        response: { 200: dialogViewSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      try {
        return await core.dialog(dialogIdOf(partnerOf(request).partnerId, request.params.userId));
      } catch (error) {
        if (notFound(error)) return reply.status(404).send({ error: "not_found", message: "no such dialog" });
        throw error;
      }
    },
  );

  app.get(
    "/dialogs/:userId/transcript",
    {
      config: { public: true, partnerScope: "dialogs" },
      schema: {
        summary: "Every message of the dialog, oldest first",
        params,
        response: { 200: z.object({ entries: z.array(transcriptEntrySchema) }), 404: errorSchema },
      },
    },
    async (request, reply) => {
      try {
        return { entries: await core.transcript(dialogIdOf(partnerOf(request).partnerId, request.params.userId)) };
      } catch (error) {
        if (notFound(error)) return reply.status(404).send({ error: "not_found", message: "no such dialog" });
        throw error;
      }
    },
  );

  app.post(
    "/dialogs/:userId/handoff",
    {
      config: { public: true, partnerScope: "dialogs" },
      schema: {
        summary: "Hand the dialog to a manager: the bot falls silent in it",
        params,
        body: z.strictObject({ reason: z.string().max(500).optional() }).default({}),
        response: { 200: z.object({ owner: z.literal("manager") }), 404: errorSchema },
      },
    },
    async (request, reply) => {
      try {
        const dialogId = dialogIdOf(partnerOf(request).partnerId, request.params.userId);
        await core.handoff(dialogId, request.body.reason ?? "partner asked for a manager");
        return { owner: "manager" as const };
      } catch (error) {
        if (notFound(error)) return reply.status(404).send({ error: "not_found", message: "no such dialog" });
        throw error;
      }
    },
  );
};
