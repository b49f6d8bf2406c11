// A fake core on loopback speaking the real contract: accepts messages, pushes deliveries back, records reports.
import { asCore, portOf, TEST_SERVICE_ENV } from "@wewall/shared/testing";
import { createServer, type IncomingMessage as HttpRequest, type ServerResponse } from "node:http";
import { incomingMessageSchema, type DialogEvent, type IncomingMessage, type Reply } from "@wewall/shared";
import { postJson } from "./post-json.js";
import { readBody } from "./read-body.js";

export interface FakeCoreOptions {
  // What the "dialogue" answers; the default echoes the text.
  reply?: (dialogId: string, message: IncomingMessage) => Reply[];
  connectorUrl?: string;
}

export const echoReply = (_dialogId: string, message: IncomingMessage): Reply[] => [{ text: `Эхо: ${message.text}` }];

export async function startFakeCore(options: FakeCoreOptions = {}) {
  const reply = options.reply ?? echoReply;
  const seen = new Set<string>();
  const messages: { dialogId: string; message: IncomingMessage }[] = [];
  const statuses = new Map<string, unknown>();
  const blocked: string[] = [];
  const chains = new Map<string, Promise<void>>();
  let connectorUrl = options.connectorUrl;
  let down = false;
  let replyDelayMs = 0;
  let pushes = 0;
  let pushing = 0;
  // The event feed: only erasures happen here; a read with nothing new waits, as the core's long poll does.
  const events: DialogEvent[] = [];
  const waiters = new Set<() => void>();

  async function serveEvents(url: URL, response: ServerResponse): Promise<void> {
    const after = Number(url.searchParams.get("after") ?? "0");
    const waitMs = Math.min(Number(url.searchParams.get("waitMs") ?? "0"), 30_000);
    const newer = () => events.filter((event) => event.id > after);
    if (newer().length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, waitMs);
        waiters.add(wake);
      });
    }
    const page = newer();
    send(response, 200, { events: page, cursor: page.at(-1)?.id ?? after });
  }

  // One dialog's deliveries are pushed in order, each retried until the connector acknowledges it.
  function push(dialogId: string, body: unknown): void {
    pushing += 1;
    const previous = chains.get(dialogId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (replyDelayMs) await new Promise((resolve) => setTimeout(resolve, replyDelayMs));
      for (;;) {
        try {
          if (!connectorUrl) throw new Error("no connector");
          const answer = await postJson(connectorUrl, body, asCore);
          if (answer.status >= 200 && answer.status < 300) break;
        } catch {
          // The connector is restarting; try again shortly.
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      pushes += 1;
      pushing -= 1;
    });
    chains.set(dialogId, next);
  }

  async function handle(request: HttpRequest, response: ServerResponse) {
    const body: unknown = JSON.parse((await readBody(request)) || "{}");
    const url = request.url ?? "";
    if (down) return send(response, 503, { error: "unavailable" });
    // As the core does: the bot must send its own token.
    if (request.headers.authorization !== `Bearer ${TEST_SERVICE_ENV.TELEGRAM_SERVICE_TOKEN}`)
      return send(response, 401, { error: "unauthorized" });
    if (request.method === "GET" && url.startsWith("/v1/events"))
      return serveEvents(new URL(url, "http://core"), response);
    const messageMatch = /^\/v1\/dialogs\/([^/]+)\/messages$/.exec(url);
    if (messageMatch?.[1]) {
      const dialogId = decodeURIComponent(messageMatch[1]);
      const parsed = incomingMessageSchema.safeParse(body);
      if (!parsed.success) return send(response, 400, { error: "validation", message: parsed.error.message });
      const message = parsed.data;
      if (seen.has(message.messageId)) return send(response, 202, { accepted: true, duplicate: true });
      seen.add(message.messageId);
      messages.push({ dialogId, message });
      const chatId = dialogId.split(":")[1] ?? "";
      reply(dialogId, message).forEach((r, index) =>
        push(dialogId, {
          deliveryId: `d-${message.messageId}-${index}`,
          dialogId,
          channel: "telegram",
          chatId,
          author: "bot",
          reply: r,
          createdAt: new Date().toISOString(),
        }),
      );
      return send(response, 202, { accepted: true, duplicate: false });
    }
    const blockedMatch = /^\/v1\/dialogs\/([^/]+)\/blocked$/.exec(url);
    if (blockedMatch?.[1]) {
      blocked.push(decodeURIComponent(blockedMatch[1]));
      return send(response, 204);
    }
    const statusMatch = /^\/v1\/deliveries\/([^/]+)\/status$/.exec(url);
    if (statusMatch?.[1]) {
      statuses.set(decodeURIComponent(statusMatch[1]), body);
      return send(response, 204);
    }
    return send(response, 404, { error: "not_found" });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = portOf(server.address());

  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    statuses,
    blocked,
    setConnector(url: string) {
      connectorUrl = url;
    },
    setDown(value: boolean) {
      down = value;
    },
    // A core that thinks for a while before it answers.
    setReplyDelay(ms: number) {
      replyDelayMs = ms;
    },
    // Deliveries the connector has acknowledged so far, and those still being pushed.
    get pushed() {
      return pushes;
    },
    get pushing() {
      return pushing;
    },
    // What the core publishes when a client is erased.
    erase(dialogId: string) {
      events.push({ id: events.length + 1, dialogId, type: "dialog.erased", data: {}, at: new Date().toISOString() });
      for (const wake of waiters) wake();
    },
    async close() {
      for (const wake of waiters) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeCore = Awaited<ReturnType<typeof startFakeCore>>;

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}
