// POST /amocrm/chats/:scopeId — a Chats API webhook: verified on the raw bytes, stored, answered at once.
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { verifySignature } from "../amojo/sign-request.js";
import type { Inbox } from "../store/create-inbox.js";
import { chatWebhookSchema } from "../webhooks/webhook-schemas.js";

export interface ChatWebhookDeps {
  channelSecret: string;
  currentScope: () => string | undefined;
  reloadScope: () => Promise<string | undefined>;
  inbox: Inbox;
  onStored: () => void;
}

/** The largest Chats API webhook taken: amoCRM caps a message's text at a few thousand characters. */
export const CHAT_WEBHOOK_BODY_LIMIT = 262_144;

const answer = z.object({ ok: z.boolean(), duplicate: z.boolean().optional() });
const problem = z.object({ error: z.string(), message: z.string() });

export const chatWebhooks =
  (deps: ChatWebhookDeps): FastifyPluginAsync =>
  async (app) => {
    // Scoped to this plugin: the signature covers the exact bytes, so JSON is parsed only after checking it.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    app.withTypeProvider<ZodTypeProvider>().post(
      "/amocrm/chats/:scopeId",
      {
        // A public webhook: amoCRM proves itself with the body's signature.
        config: { public: true },
        // The signature can only be checked over the whole body, so the body is kept small: a chat message is a few
        // kilobytes, and a forged megabyte is refused on its Content-Length before a byte of it is read or hashed.
        bodyLimit: CHAT_WEBHOOK_BODY_LIMIT,
        schema: {
          params: z.object({ scopeId: z.string().min(1) }),
          response: { 200: answer, 400: problem, 401: problem, 404: problem },
        },
      },
      async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const reject = (status: 400 | 401 | 404, error: string, message: string) => {
          request.log.warn({ scopeId: request.params.scopeId, error }, `chat webhook rejected: ${message}`);
          return reply.status(status).send({ error, message });
        };
        const signature = request.headers["x-signature"];
        if (!verifySignature(deps.channelSecret, raw, typeof signature === "string" ? signature : undefined))
          return reject(401, "bad_signature", "X-Signature does not match the body");
        const scopeId = request.params.scopeId;
        if (scopeId !== deps.currentScope() && scopeId !== (await deps.reloadScope()))
          return reject(404, "unknown_scope", "unknown scope id");
        const text = raw.toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return reject(400, "malformed_json", "body is not JSON");
        }
        const parsed = chatWebhookSchema.safeParse(json);
        if (!parsed.success)
          return reject(
            400,
            "malformed",
            parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
          );
        const { conversation, message } = parsed.data.message;
        const outcome = await deps.inbox.addForDialog("chat", message.id, conversation.client_id, text);
        if (outcome === "unknown_dialog") return reject(404, "unknown_conversation", "conversation is not one of ours");
        // amoCRM waits 5 s and never retries: answer now, work after.
        setImmediate(deps.onStored);
        return reply.status(200).send({ ok: true, duplicate: outcome === "duplicate" });
      },
    );
  };
