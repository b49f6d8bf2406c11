// A stand-in for the core's HTTP API on loopback, for both channel connectors: messages in with deliveries pushed
// back in order, blocked chats and delivery reports, the event feed with long poll, transcripts, takeover, release,
// operator messages and erasure. Like the core, it answers 401 unless the caller sends the token it was given.
import { createServer, type IncomingMessage as HttpRequest, type ServerResponse } from "node:http";
import { incomingMessageSchema, type IncomingMessage, type Reply, type TranscriptEntry } from "@wewall/shared";
import { createFakeEventFeed } from "./fake-event-feed.js";
import { portOf } from "./listen-on-loopback.js";
import { createDeliveryPusher } from "./push-deliveries.js";
import { readBody } from "./read-body.js";

export interface FakeCoreOptions {
  /** The bearer token the calling connector must send (TEST_SERVICE_ENV has one per connector). */
  token: string;
  /** What the "dialogue" answers a channel message with; the default echoes the text. */
  reply?: (dialogId: string, message: IncomingMessage) => Reply[];
  /** Where replies are pushed (a connector's /v1/deliveries); settable later with setConnector. */
  connectorUrl?: string;
}

interface FakeDialog {
  owner: "bot" | "manager";
  transcript: TranscriptEntry[];
  operatorMessageIds: Set<string>;
}

type Body = Record<string, unknown>;

export const echoReply = (_dialogId: string, message: IncomingMessage): Reply[] => [{ text: `Эхо: ${message.text}` }];

export type FakeCore = Awaited<ReturnType<typeof startFakeCore>>;

export async function startFakeCore(options: FakeCoreOptions) {
  const reply = options.reply ?? echoReply;
  const feed = createFakeEventFeed();
  const pusher = createDeliveryPusher(options.connectorUrl);
  const dialogs = new Map<string, FakeDialog>();
  const requests: Array<{ method: string; path: string; body: Body }> = [];
  const messages: { dialogId: string; message: IncomingMessage }[] = [];
  const seenMessages = new Set<string>();
  const statuses = new Map<string, unknown>();
  const blocked: string[] = [];
  const state = { down: false, nextEntry: 1, nextDelivery: 1 };

  const dialog = (id: string) => {
    let found = dialogs.get(id);
    if (!found) {
      found = { owner: "bot", transcript: [], operatorMessageIds: new Set() };
      dialogs.set(id, found);
    }
    return found;
  };
  const record = (dialogId: string, author: TranscriptEntry["author"], text: string) =>
    dialog(dialogId).transcript.push({ id: state.nextEntry++, author, text, at: new Date().toISOString() });

  function acceptMessage(dialogId: string, body: Body, response: ServerResponse) {
    const parsed = incomingMessageSchema.safeParse(body);
    if (!parsed.success) return send(response, 400, { error: "validation", message: parsed.error.message });
    const message = parsed.data;
    if (seenMessages.has(message.messageId)) return send(response, 202, { accepted: true, duplicate: true });
    seenMessages.add(message.messageId);
    messages.push({ dialogId, message });
    const chatId = dialogId.split(":")[1] ?? "";
    reply(dialogId, message).forEach((answer, index) =>
      pusher.push(dialogId, {
        deliveryId: `d-${message.messageId}-${index}`,
        dialogId,
        channel: dialogId.split(":")[0] ?? "telegram",
        chatId,
        author: "bot",
        reply: answer,
        createdAt: new Date().toISOString(),
      }),
    );
    return send(response, 202, { accepted: true, duplicate: false });
  }

  function operatorMessage(dialogId: string, known: FakeDialog, body: Body, response: ServerResponse) {
    const messageId = String(body.messageId);
    const deliveryId = `d-${messageId}`;
    if (known.operatorMessageIds.has(messageId))
      return send(response, 202, { accepted: true, duplicate: true, deliveryId });
    known.operatorMessageIds.add(messageId);
    if (known.owner !== "manager")
      feed.emit(dialogId, "owner.changed", { owner: "manager", reason: "operator_message" });
    known.owner = "manager";
    record(dialogId, "manager", String(body.text));
    feed.emit(dialogId, "message.out", {
      deliveryId,
      author: "manager",
      text: body.text,
      operator: body.operator,
      messageId,
    });
    feed.emit(dialogId, "delivery.status", { deliveryId, status: "delivered", author: "manager", messageId });
    return send(response, 202, { accepted: true, duplicate: false, deliveryId });
  }

  async function handle(method: string, url: URL, body: Body, response: ServerResponse) {
    if (method === "GET" && url.pathname === "/v1/events") {
      const number = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback);
      return send(response, 200, await feed.page(number("after", 0), number("limit", 100), number("waitMs", 0)));
    }
    const status = /^\/v1\/deliveries\/([^/]+)\/status$/.exec(url.pathname);
    if (method === "POST" && status?.[1]) {
      statuses.set(decodeURIComponent(status[1]), body);
      return send(response, 204);
    }
    const match = /^\/v1\/dialogs\/([^/]+)(?:\/([a-z-]+))?$/.exec(url.pathname);
    if (!match?.[1]) return send(response, 404, { error: "not_found" });
    const dialogId = decodeURIComponent(match[1]);
    const action = match[2];
    if (method === "POST" && action === "messages") return acceptMessage(dialogId, body, response);
    if (method === "POST" && action === "blocked") {
      blocked.push(dialogId);
      return send(response, 204);
    }
    const known = dialogs.get(dialogId);
    if (!known) return send(response, 404, { error: "not_found", message: "dialog not found" });
    if (method === "GET" && !action)
      return send(response, 200, { dialogId, stage: "slots", owner: known.owner, slots: {} });
    if (method === "GET" && action === "transcript") return send(response, 200, { entries: known.transcript });
    if (method === "DELETE" && !action) {
      erase(dialogId);
      return send(response, 200, { erased: true });
    }
    if (method === "POST" && action === "release") {
      if (known.owner !== "bot")
        feed.emit(dialogId, "owner.changed", { owner: "bot", reason: String(body.reason ?? "release") });
      known.owner = "bot";
      return send(response, 200, { owner: "bot" });
    }
    if (method === "POST" && action === "operator-messages") return operatorMessage(dialogId, known, body, response);
    return send(response, 404, { error: "not_found" });
  }

  function erase(dialogId: string) {
    dialogs.delete(dialogId);
    feed.emit(dialogId, "dialog.erased", {});
  }

  const server = createServer((request, response) => {
    void receive(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  async function receive(request: HttpRequest, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://core");
    const body = asBody(JSON.parse((await readBody(request)) || "{}"));
    const method = request.method ?? "GET";
    requests.push({ method, path: url.pathname, body });
    if (state.down) return send(response, 503, { error: "unavailable" });
    if (request.headers.authorization !== `Bearer ${options.token}`)
      return send(response, 401, { error: "unauthorized" });
    await handle(method, url, body, response);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${portOf(server.address())}`,
    events: feed.events,
    emit: feed.emit,
    dialogs,
    requests,
    messages,
    statuses,
    blocked,
    state,
    setConnector: pusher.setConnector,
    setReplyDelay: pusher.setDelay,
    setDown(value: boolean) {
      state.down = value;
    },
    /** Deliveries the connector has acknowledged so far, and those still being pushed. */
    get pushed() {
      return pusher.pushed;
    },
    get pushing() {
      return pusher.pushing;
    },
    /** What the core does when a client is erased: forget the dialog and publish `dialog.erased`. */
    erase,
    clientSays(dialogId: string, messageId: string, text: string, user?: Record<string, string>) {
      dialog(dialogId);
      record(dialogId, "client", text);
      const from = user ?? { id: dialogId.split(":")[1] ?? "1", name: "Клиент" };
      return feed.emit(dialogId, "message.in", { messageId, text, user: from });
    },
    botSays(dialogId: string, text: string) {
      const deliveryId = `bot-${state.nextDelivery++}`;
      record(dialogId, "bot", text);
      return feed.emit(dialogId, "message.out", { deliveryId, author: "bot", text });
    },
    /** A dialog with a past that predates the connector: transcript only, no events. */
    seedHistory(dialogId: string, entries: Array<[TranscriptEntry["author"], string]>) {
      for (const [author, text] of entries) record(dialogId, author, text);
    },
    async close() {
      feed.wakeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const asBody = (parsed: unknown): Body =>
  typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? Object.fromEntries(Object.entries(parsed))
    : {};

function send(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}
