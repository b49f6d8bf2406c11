// A dialog's view, transcript, owner changes, manager messages, blocking and erasure.
import {
  dialogIdSchema,
  dialogViewSchema,
  notFound,
  operatorMessageSchema,
  ownerSchema,
  transcriptEntrySchema,
} from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { loadDialog, readTranscript, toView } from "../dialog/dialog-store.js";
import type { RouteDeps } from "./route-deps.js";

const params = z.object({ dialogId: dialogIdSchema });
const reasonBody = z.strictObject({ reason: z.string().max(500).optional() }).nullish();

export const dialogRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { pool, engine }) => {
  async function requireDialog(dialogId: string) {
    const row = await loadDialog(pool, dialogId);
    if (!row) throw notFound(`dialog ${dialogId}`);
    return row;
  }

  app.get(
    "/v1/dialogs/:dialogId",
    {
      config: { scope: "dialogs.read" },
      schema: { summary: "The dialog's stage, owner, slots and results", params, response: { 200: dialogViewSchema } },
    },
    async (request) => toView(await requireDialog(request.params.dialogId)),
  );

  app.get(
    "/v1/dialogs/:dialogId/transcript",
    {
      config: { scope: "dialogs.read" },
      schema: {
        summary: "The full transcript, oldest first",
        params,
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(1000).default(500),
        }),
        response: { 200: z.object({ entries: z.array(transcriptEntrySchema) }) },
      },
    },
    async (request) => {
      await requireDialog(request.params.dialogId);
      return { entries: await readTranscript(pool, request.params.dialogId, request.query.after, request.query.limit) };
    },
  );

  app.post(
    "/v1/dialogs/:dialogId/handoff",
    {
      config: { scope: "dialogs.manage" },
      schema: {
        summary: "A manager takes the dialog; the bot goes silent",
        params,
        body: reasonBody,
        response: { 200: z.object({ owner: ownerSchema }) },
      },
    },
    async (request) => {
      await requireDialog(request.params.dialogId);
      await engine.handoff(request.params.dialogId, request.body?.reason ?? "manager took over");
      return { owner: "manager" as const };
    },
  );

  app.post(
    "/v1/dialogs/:dialogId/release",
    {
      config: { scope: "dialogs.manage" },
      schema: {
        summary: "The dialog returns to the bot at the step where it was",
        params,
        body: reasonBody,
        response: { 200: z.object({ owner: ownerSchema }) },
      },
    },
    async (request) => {
      await requireDialog(request.params.dialogId);
      await engine.release(request.params.dialogId, request.body?.reason ?? "handed back to the bot");
      return { owner: "bot" as const };
    },
  );

  app.post(
    "/v1/dialogs/:dialogId/operator-messages",
    {
      config: { scope: "dialogs.manage" },
      schema: {
        summary: "A manager writes to the client (idempotent on messageId); the dialog becomes manager-owned",
        params,
        body: operatorMessageSchema,
        response: { 202: z.object({ accepted: z.boolean(), duplicate: z.boolean(), deliveryId: z.string() }) },
      },
    },
    async (request, reply) => {
      const result = await engine.operatorMessage(request.params.dialogId, request.body);
      return reply.status(202).send({ accepted: true, ...result });
    },
  );

  app.post(
    "/v1/dialogs/:dialogId/blocked",
    {
      config: { scope: "messages.write" },
      schema: {
        summary: "The client blocked the bot on its channel",
        params,
        body: z.strictObject({}).nullish(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await requireDialog(request.params.dialogId);
      await engine.markBlocked(request.params.dialogId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/v1/dialogs/:dialogId",
    {
      config: { scope: "dialogs.erase" },
      schema: { summary: "Erase every row about the dialog", params, response: { 204: z.null() } },
    },
    async (request, reply) => {
      if (!(await engine.erase(request.params.dialogId))) throw notFound(`dialog ${request.params.dialogId}`);
      return reply.status(204).send(null);
    },
  );
};
