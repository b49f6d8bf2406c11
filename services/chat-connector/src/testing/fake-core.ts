// A stand-in for the core's HTTP API on loopback: an event log with long-poll, transcripts, takeover and release.
import { portOf, TEST_SERVICE_ENV } from "@wewall/shared/testing";
import { createServer, type ServerResponse } from "node:http";
import type { EventEnvelope, EventType, TranscriptEntry } from "@wewall/shared";

interface FakeDialog {
  owner: "bot" | "manager";
  transcript: TranscriptEntry[];
  operatorMessageIds: Set<string>;
}

export type FakeCore = Awaited<ReturnType<typeof startFakeCore>>;

export async function startFakeCore() {
  const events: EventEnvelope[] = [];
  const dialogs = new Map<string, FakeDialog>();
  const waiters = new Set<() => void>();
  const requests: Array<{ method: string; path: string; body: unknown }> = [];
  const state = { down: false, nextEntry: 1, nextDelivery: 1 };

  const dialog = (id: string) => {
    let d = dialogs.get(id);
    if (!d) {
      d = { owner: "bot", transcript: [], operatorMessageIds: new Set() };
      dialogs.set(id, d);
    }
    return d;
  };

  // Data as given, not checked: a test may serve an event its reader cannot read.
  function emit(dialogId: string, type: EventType, data: Record<string, unknown>): EventEnvelope {
    const event = { id: events.length + 1, dialogId, type, data, at: new Date().toISOString() };
    events.push(event);
    for (const wake of waiters) wake();
    return event;
  }

  function record(dialogId: string, author: TranscriptEntry["author"], text: string) {
    dialog(dialogId).transcript.push({ id: state.nextEntry++, author, text, at: new Date().toISOString() });
  }

  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body === undefined ? "" : JSON.stringify(body));
  };

  async function handle(method: string, url: URL, body: Record<string, unknown>, res: ServerResponse) {
    if (state.down) return send(res, 503, { error: "down" });
    if (method === "GET" && url.pathname === "/v1/events") {
      const after = Number(url.searchParams.get("after") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      const waitMs = Number(url.searchParams.get("waitMs") ?? 0);
      if (!events.some((e) => e.id > after) && waitMs > 0) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, waitMs);
          waiters.add(wake);
        });
      }
      const page = events.filter((e) => e.id > after).slice(0, limit);
      return send(res, 200, { events: page, cursor: page.at(-1)?.id ?? after });
    }
    const match = /^\/v1\/dialogs\/([^/]+)(?:\/([a-z-]+))?$/.exec(url.pathname);
    if (!match) return send(res, 404, { error: "not_found" });
    const dialogId = decodeURIComponent(match[1] ?? "");
    const action = match[2];
    const known = dialogs.get(dialogId);
    if (!known) return send(res, 404, { error: "not_found", message: "dialog not found" });
    if (method === "GET" && !action) return send(res, 200, { dialogId, stage: "slots", owner: known.owner, slots: {} });
    if (method === "GET" && action === "transcript") return send(res, 200, { entries: known.transcript });
    if (method === "DELETE" && !action) {
      dialogs.delete(dialogId);
      emit(dialogId, "dialog.erased", {});
      return send(res, 200, { erased: true });
    }
    if (method === "POST" && action === "release") {
      if (known.owner !== "bot")
        emit(dialogId, "owner.changed", { owner: "bot", reason: String(body.reason ?? "release") });
      known.owner = "bot";
      return send(res, 200, { owner: "bot" });
    }
    if (method === "POST" && action === "operator-messages") {
      const messageId = String(body.messageId);
      if (known.operatorMessageIds.has(messageId))
        return send(res, 202, { accepted: true, duplicate: true, deliveryId: `d-${messageId}` });
      known.operatorMessageIds.add(messageId);
      if (known.owner !== "manager") emit(dialogId, "owner.changed", { owner: "manager", reason: "operator_message" });
      known.owner = "manager";
      const deliveryId = `d-${messageId}`;
      record(dialogId, "manager", String(body.text));
      emit(dialogId, "message.out", {
        deliveryId,
        author: "manager",
        text: body.text,
        operator: body.operator,
        messageId,
      });
      emit(dialogId, "delivery.status", { deliveryId, status: "delivered", author: "manager", messageId });
      return send(res, 202, { accepted: true, duplicate: false, deliveryId });
    }
    return send(res, 404, { error: "not_found" });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const raw = Buffer.concat(chunks).toString("utf8");
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      const body =
        typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
          ? Object.fromEntries(Object.entries(parsed))
          : {};
      requests.push({ method: req.method ?? "", path: url.pathname, body });
      // As the core does: the connector must send its own token.
      if (req.headers.authorization !== `Bearer ${TEST_SERVICE_ENV.CHAT_CONNECTOR_SERVICE_TOKEN}`)
        return send(res, 401, { error: "unauthorized" });
      void handle(req.method ?? "GET", url, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${portOf(server.address())}`,
    events,
    dialogs,
    requests,
    state,
    emit,
    clientSays(
      dialogId: string,
      messageId: string,
      text: string,
      user: Record<string, string> = { id: dialogId.split(":")[1] ?? "1", name: "Клиент" },
    ) {
      dialog(dialogId);
      record(dialogId, "client", text);
      return emit(dialogId, "message.in", { messageId, text, user });
    },
    botSays(dialogId: string, text: string) {
      const deliveryId = `bot-${state.nextDelivery++}`;
      record(dialogId, "bot", text);
      return emit(dialogId, "message.out", { deliveryId, author: "bot", text });
    },
    // A dialog with a past that predates the connector: transcript only, no events.
    seedHistory(dialogId: string, entries: Array<[TranscriptEntry["author"], string]>) {
      for (const [author, text] of entries) record(dialogId, author, text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of waiters) wake();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
