// POST /telegram/webhook: check Telegram's secret, store the update, answer at once; the worker handles it later.
import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "@wewall/shared";
import { updateEnvelopeSchema } from "../bot/convert-update.js";
import type { InboxStore, StoredUpdate } from "../inbox-store.js";

export interface WebhookRouteOptions {
  secret: string;
  inbox: InboxStore;
  onStored(stored: StoredUpdate): void;
}

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export const telegramWebhookRoutes: FastifyPluginAsyncZod<WebhookRouteOptions> = async (app, options) => {
  const expected = Buffer.from(options.secret);
  app.post(
    "/telegram/webhook",
    {
      schema: { body: updateEnvelopeSchema, response: { 200: z.object({ ok: z.boolean() }) } },
      // Checked before the body is parsed: a forged request costs no JSON work and no database write.
      onRequest: async (request) => {
        const header = request.headers[SECRET_HEADER];
        const given = Buffer.from(typeof header === "string" ? header : "");
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          throw new AppError("unauthorized", "missing or wrong secret token", { status: 401 });
        }
      },
    },
    async (request) => {
      const stored = await options.inbox.store(request.body);
      if (stored) options.onStored(stored);
      return { ok: true };
    },
  );
};
