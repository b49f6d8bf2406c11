// POST /telegram/webhook: check Telegram's secret, store the update, answer at once; the worker handles it later.
import type { IncomingMessage, ServerResponse } from "node:http";
import { sameSecret, type Logger } from "@wewall/shared";
import { parseUpdate } from "../bot/convert-update.js";
import { describeError } from "../describe-error.js";
import type { InboxStore, StoredUpdate } from "../inbox-store.js";

export const WEBHOOK_PATH = "/telegram/webhook";

export interface WebhookOptions {
  secret: string;
  inbox: InboxStore;
  logger: Logger;
  onStored(stored: StoredUpdate): void;
  // True once the service is closing: answers then tell the client to drop its keep-alive connection.
  closing(): boolean;
}

const SECRET_HEADER = "x-telegram-bot-api-secret-token";
// Telegram's updates are a few KB; a photo caption with entities stays far below this.
const BODY_LIMIT = 1_048_576;

// The service's hot path runs on the bare node server, not through fastify: fastify's request and reply objects,
// hooks and child logger cost about half again the request's CPU. The answers keep fastify's error shape.
export function createTelegramWebhook(options: WebhookOptions) {
  function answer(response: ServerResponse, status: number, body: string): void {
    response.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      ...(options.closing() ? { connection: "close" } : {}),
    });
    response.end(body);
  }
  const fail = (response: ServerResponse, status: number, error: string, message: string) =>
    answer(response, status, JSON.stringify({ error, message }));

  async function store(json: string, response: ServerResponse): Promise<void> {
    const update = parseUpdate(json);
    if (!update) return fail(response, 400, "bad_request", "the body is not a Telegram update");
    try {
      const stored = await options.inbox.store(update, json);
      if (stored) options.onStored(stored);
    } catch (error) {
      // Telegram sends the update again later: nothing is lost by refusing it now.
      options.logger.error({ error: describeError(error), updateId: update.update_id }, "could not store an update");
      return fail(response, 500, "internal", "internal error");
    }
    answer(response, 200, '{"ok":true}');
  }

  return function handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== "POST")
      return fail(response, 404, "not_found", `no route ${request.method} ${WEBHOOK_PATH}`);
    // Checked before the body is read: a forged request costs no JSON work and no database write.
    if (!sameSecret(request.headers[SECRET_HEADER], options.secret)) {
      request.resume();
      return fail(response, 401, "unauthorized", "missing or wrong secret token");
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > BODY_LIMIT) return fail(response, 413, "body_too_large", "the body is larger than 1 MB");
      void store(Buffer.concat(chunks, size).toString("utf8"), response);
    });
  };
}
