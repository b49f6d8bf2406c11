// A fake Telegram Bot API on loopback: records every call and fails, throttles or stalls on demand.
import { portOf, readBody } from "@wewall/test-support";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import { FAKE_BOT_INFO } from "./fake-bot-info.js";
import { createFakeInlineKeyboards } from "./fake-inline-keyboards.js";

export { FAKE_BOT_INFO };

export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  status: number;
}

export interface FailRule {
  method?: string;
  chatId?: string;
  // How many calls the rule catches; Infinity keeps it until removed.
  times: number;
  status: number;
  retryAfter?: number;
  description?: string;
  delayMs?: number;
}

export interface SentMessage {
  chatId: string;
  messageId: number;
  method: string;
  text?: string;
  params: Record<string, unknown>;
}

export async function startFakeTelegram() {
  const calls: TelegramCall[] = [];
  const sent: SentMessage[] = [];
  const rules: FailRule[] = [];
  const blocked = new Set<string>();
  const updates: Update[] = [];
  const pollers: (() => void)[] = [];
  const nextMessageId = new Map<string, number>();
  const keyboards = createFakeInlineKeyboards();
  let webhook: { url: string; secret?: string } | null = null;
  let delayMs = 0;

  function newMessageId(chatId: string): number {
    const id = (nextMessageId.get(chatId) ?? 0) + 1;
    nextMessageId.set(chatId, id);
    return id;
  }

  function message(chatId: string, extra: Record<string, unknown>) {
    return {
      message_id: newMessageId(chatId),
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: "private" },
      ...extra,
    };
  }

  function record(method: string, chatId: string, result: { message_id: number }, params: Record<string, unknown>) {
    const text =
      typeof params.text === "string" ? params.text : typeof params.caption === "string" ? params.caption : undefined;
    sent.push({ chatId, messageId: result.message_id, method, ...(text !== undefined ? { text } : {}), params });
    keyboards.remember(chatId, result.message_id, params.reply_markup);
  }

  async function answer(method: string, params: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    const chatId = params.chat_id === undefined ? "" : String(params.chat_id);
    const ruleIndex = rules.findIndex((r) => (!r.method || r.method === method) && (!r.chatId || r.chatId === chatId));
    const rule = rules[ruleIndex];
    if (rule) {
      rule.times -= 1;
      if (rule.times <= 0) rules.splice(ruleIndex, 1);
      if (rule.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
      if (rule.status === 0) return { status: 0, body: null };
      if (rule.status !== 200) {
        return {
          status: rule.status,
          body: {
            ok: false,
            error_code: rule.status,
            description: rule.description ?? `fake failure ${rule.status}`,
            ...(rule.retryAfter !== undefined ? { parameters: { retry_after: rule.retryAfter } } : {}),
          },
        };
      }
    }
    if (chatId && blocked.has(chatId) && (method.startsWith("send") || method.startsWith("edit"))) {
      return {
        status: 403,
        body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      };
    }
    switch (method) {
      case "getMe":
        return ok(FAKE_BOT_INFO);
      case "setWebhook":
        webhook = {
          url: String(params.url),
          ...(typeof params.secret_token === "string" ? { secret: params.secret_token } : {}),
        };
        return ok(true);
      case "deleteWebhook":
        webhook = null;
        return ok(true);
      case "getUpdates":
        return ok(await poll(params));
      case "sendMessage":
      case "sendPhoto": {
        const result = message(chatId, method === "sendMessage" ? { text: params.text } : { caption: params.caption });
        record(method, chatId, result, params);
        return ok(result);
      }
      case "sendMediaGroup": {
        const media = Array.isArray(params.media) ? params.media : [];
        if (media.length < 2 || media.length > 10)
          return {
            status: 400,
            body: { ok: false, error_code: 400, description: "Bad Request: wrong media group size" },
          };
        const results = media.map(() => message(chatId, { photo: [] }));
        for (const result of results) record(method, chatId, result, params);
        return ok(results);
      }
      case "editMessageReplyMarkup":
        return keyboards.editReplyMarkup(params);
      case "sendChatAction":
      case "answerCallbackQuery":
        return ok(true);
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } };
    }
  }

  async function poll(params: Record<string, unknown>): Promise<Update[]> {
    const offset = typeof params.offset === "number" ? params.offset : 0;
    const timeoutMs = Math.min(typeof params.timeout === "number" ? params.timeout * 1000 : 0, 1000);
    // Confirmed updates are forgotten, as Telegram does.
    while (updates.length > 0 && (updates[0]?.update_id ?? Infinity) < offset) updates.shift();
    if (updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        pollers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return updates.filter((u) => u.update_id >= offset).slice(0, 100);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = await readBody(request);
    const params = parseParams(raw);
    const method = (request.url ?? "").split("/").at(-1) ?? "";
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const { status, body } = await answer(method, params);
    calls.push({ method, params, at: Date.now(), status });
    // Status 0 stands for a network failure: the connection drops without an answer.
    if (status === 0) return void request.socket.destroy();
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = portOf(server.address());

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    sent,
    callsOf: (method: string) => calls.filter((call) => call.method === method),
    sentTo: (chatId: string | number) => sent.filter((m) => m.chatId === String(chatId)),
    // The inline keyboard a message shows now (after any edits); undefined when none.
    keyboardOf: keyboards.keyboardOf,
    get webhook() {
      return webhook;
    },
    fail(rule: FailRule) {
      rules.push(rule);
    },
    clearFailures() {
      rules.length = 0;
    },
    block(chatId: string | number) {
      blocked.add(String(chatId));
    },
    setDelay(ms: number) {
      delayMs = ms;
    },
    pushUpdate(update: Update) {
      updates.push(update);
      for (const wake of pollers.splice(0)) wake();
    },
    reset() {
      calls.length = 0;
      sent.length = 0;
      rules.length = 0;
    },
    async close() {
      for (const wake of pollers.splice(0)) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });

function parseParams(raw: string): Record<string, unknown> {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
  } catch {
    return {};
  }
}
