// POST /amocrm/webhooks — account webhooks (form-encoded, nested keys): closed leads, closed talks, deleted contacts.
import { sameSecret } from "@wewall/shared";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import qs from "qs";
import { z } from "zod";
import type { Inbox } from "../store/create-inbox.js";
import { accountWebhookSchema } from "../webhooks/webhook-schemas.js";

export interface AccountWebhookDeps {
  closingStatuses: readonly number[];
  webhookSecret: string | undefined;
  inbox: Inbox;
  onStored: () => void;
}

const answer = z.object({ ok: z.boolean(), stored: z.number() });
const problem = z.object({ error: z.string(), message: z.string() });

export const accountWebhooks =
  (deps: AccountWebhookDeps): FastifyPluginAsync =>
  async (app) => {
    // The default form parser flattens `leads[status][0][id]`; qs keeps the nesting.
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      done(
        null,
        qs.parse(typeof body === "string" ? body : body.toString("utf8"), {
          depth: 8,
          arrayLimit: 1000,
          parameterLimit: 10_000,
        }),
      );
    });

    app.withTypeProvider<ZodTypeProvider>().post(
      "/amocrm/webhooks",
      {
        // A public webhook: amoCRM proves itself with the secret in the query.
        config: { public: true },
        // Checked before the body is read or parsed: a forged request costs nothing beyond the comparison.
        onRequest: async (request, reply) => {
          if (!deps.webhookSecret) return;
          const given = new URLSearchParams(request.url.split("?")[1] ?? "").get("secret") ?? undefined;
          if (sameSecret(given, deps.webhookSecret)) return;
          request.log.warn({ error: "bad_secret" }, "account webhook rejected: wrong webhook secret");
          // The connection closes: the rest of a forged body is not read.
          return reply
            .status(401)
            .header("connection", "close")
            .send({ error: "bad_secret", message: "wrong webhook secret" });
        },
        schema: {
          querystring: z.object({ secret: z.string().optional() }),
          response: { 200: answer, 400: problem, 401: problem },
        },
      },
      async (request, reply) => {
        const reject = (status: 400 | 401, error: string, message: string) => {
          request.log.warn({ error }, `account webhook rejected: ${message}`);
          return reply.status(status).send({ error, message });
        };
        const parsed = accountWebhookSchema.safeParse(request.body);
        if (!parsed.success)
          return reject(
            400,
            "malformed",
            parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          );
        const hook = parsed.data;
        let stored = 0;
        for (const lead of hook.leads?.status ?? []) {
          if (!deps.closingStatuses.includes(lead.status_id)) continue;
          const key = `${lead.id}:${lead.status_id}:${lead.last_modified ?? Date.now()}`;
          if (await deps.inbox.add("lead_closed", key, undefined, { id: lead.id })) stored++;
        }
        for (const talk of hook.talk?.update ?? []) {
          if (talk.is_in_work !== "0") continue;
          const key = `${talk.talk_id ?? talk.chat_id}:${talk.updated_at ?? Date.now()}`;
          if (await deps.inbox.add("talk_closed", key, undefined, { chatId: talk.chat_id })) stored++;
        }
        for (const contact of hook.contacts?.delete ?? []) {
          if (await deps.inbox.add("contact_deleted", String(contact.id), undefined, { id: contact.id })) stored++;
        }
        if (stored > 0) setImmediate(deps.onStored);
        return reply.status(200).send({ ok: true, stored });
      },
    );
  };
