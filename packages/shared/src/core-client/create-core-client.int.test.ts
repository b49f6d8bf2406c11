// The core client against a loopback server: routes and bodies as the core expects them, the bearer token on every
// call, answers read with the contract, and one error whose `retryable` tells passing failures from refusals.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { portOf } from "@wewall/test-support";
import { CoreError } from "./core-error.js";
import { createCoreClient, type CoreClient } from "./create-core-client.js";

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

type Answer = { status: number; body?: unknown; raw?: string };

let answer: (seen: Seen) => Answer;
const seen: Seen[] = [];
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  let text = "";
  request.on("data", (chunk: Buffer) => (text += chunk.toString()));
  request.on("end", () => {
    const entry = {
      method: request.method ?? "",
      url: request.url ?? "",
      authorization: request.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    };
    seen.push(entry);
    const { status, body, raw } = answer(entry);
    response.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
    response.end(raw ?? (body === undefined ? undefined : JSON.stringify(body)));
  });
});
let core: CoreClient;
let url: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${portOf(server.address())}`;
  core = createCoreClient({ baseUrl: url, token: "secret-token-0123456789", timeoutMs: 2000 });
});
afterAll(async () => {
  await core.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
  answer = () => ({ status: 204 });
});

async function failure(call: Promise<unknown>): Promise<CoreError> {
  const error: unknown = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CoreError)) throw new Error(`expected a CoreError, got ${String(error)}`);
  return error;
}

describe("createCoreClient", () => {
  it("posts a message with the token and reads whether it was a duplicate", async () => {
    answer = () => ({ status: 202, body: { accepted: true, duplicate: true } });
    const result = await core.postMessage("telegram:42", { messageId: "m1", text: "привет" });
    expect(result).toEqual({ duplicate: true });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/v1/dialogs/telegram%3A42/messages",
        authorization: "Bearer secret-token-0123456789",
        body: { messageId: "m1", text: "привет" },
      },
    ]);
  });

  it("reports blocking and delivery status, hands off and releases with a reason", async () => {
    await core.reportBlocked("telegram:1");
    await core.reportStatus("d/1", { status: "delivered", channelMessageId: "7" });
    answer = () => ({ status: 200, body: { owner: "manager" } });
    await core.handoff("amo:1", "manager took over");
    await core.release("amo:1");
    expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ["POST", "/v1/dialogs/telegram%3A1/blocked", {}],
      ["POST", "/v1/deliveries/d%2F1/status", { status: "delivered", channelMessageId: "7" }],
      ["POST", "/v1/dialogs/amo%3A1/handoff", { reason: "manager took over" }],
      ["POST", "/v1/dialogs/amo%3A1/release", {}],
    ]);
  });

  it("reads the event feed with the contract, setting aside what it cannot read", async () => {
    answer = () => ({
      status: 200,
      body: {
        events: [
          { id: 5, dialogId: "telegram:1", type: "dialog.erased", data: {}, at: "2024-01-01T00:00:00Z" },
          { id: 6, dialogId: "telegram:1", type: "something.new", data: {}, at: "2024-01-01T00:00:00Z" },
        ],
        cursor: 6,
      },
    });
    const page = await core.events(4, { limit: 10, waitMs: 0 });
    expect(seen[0]?.url).toBe("/v1/events?after=4&limit=10&waitMs=0");
    expect(page.cursor).toBe(6);
    expect(page.events.map((event) => event.type)).toEqual(["dialog.erased"]);
    expect(page.unreadable?.map((u) => u.event.type)).toEqual(["something.new"]);
  });

  it("reads a long transcript page by page, and a dialog's view", async () => {
    const entry = (id: number) => ({ id, author: "client", text: `t${id}`, at: "2024-01-01T00:00:00Z" });
    answer = (request) => {
      const after = Number(new URL(request.url, url).searchParams.get("after"));
      const ids = after === 0 ? Array.from({ length: 500 }, (_, i) => i + 1) : [501, 502];
      return { status: 200, body: { entries: ids.map(entry) } };
    };
    const transcript = await core.transcript("telegram:1");
    expect(transcript).toHaveLength(502);
    expect(seen.map((s) => s.url)).toEqual([
      "/v1/dialogs/telegram%3A1/transcript?after=0&limit=500",
      "/v1/dialogs/telegram%3A1/transcript?after=500&limit=500",
    ]);
    answer = () => ({ status: 200, body: { dialogId: "telegram:1", stage: "slots", owner: "bot", slots: {} } });
    expect((await core.dialog("telegram:1")).owner).toBe("bot");
  });

  it("sends a manager's message and reads its delivery; erasing a dialog already gone succeeds", async () => {
    answer = () => ({ status: 202, body: { accepted: true, duplicate: false, deliveryId: "d-1" } });
    expect(await core.operatorMessage("amo:1", { messageId: "a1", text: "Здравствуйте" })).toEqual({
      duplicate: false,
      deliveryId: "d-1",
    });
    answer = () => ({ status: 404, body: { error: "not_found" } });
    await core.erase("amo:1");
    expect(seen.at(-1)).toMatchObject({ method: "DELETE", url: "/v1/dialogs/amo%3A1", body: undefined });
  });

  it("sends a follow-up and reads a refusal (409) as an answer, not an error", async () => {
    answer = () => ({ status: 200, body: { sent: true, duplicate: false, deliveryId: "fu:telegram:1:f1" } });
    const request = { followUpId: "f1", kind: "reminder" as const, text: "Напомню о себе", ifLastEventId: 7 };
    expect(await core.followUp("telegram:1", request)).toEqual({
      sent: true,
      duplicate: false,
      deliveryId: "fu:telegram:1:f1",
    });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/v1/dialogs/telegram%3A1/follow-ups", body: request });
    answer = () => ({ status: 409, body: { sent: false, reason: "manager" } });
    expect(await core.followUp("telegram:1", request)).toEqual({ sent: false, reason: "manager" });
    answer = () => ({ status: 404, body: { error: "not_found" } });
    expect((await failure(core.followUp("telegram:1", request))).status).toBe(404);
  });

  it("tells passing failures (5xx, 408, 429, no answer) from refusals and broken answers", async () => {
    for (const status of [500, 503, 408, 429]) {
      answer = () => ({ status, body: { error: "x" } });
      const error = await failure(core.reportBlocked("telegram:1"));
      expect([error.code, error.status, error.retryable]).toEqual(["core_unavailable", status, true]);
    }
    for (const status of [400, 401, 404, 409]) {
      answer = () => ({ status, body: { error: "x" } });
      const error = await failure(core.reportBlocked("telegram:1"));
      expect([error.code, error.status, error.retryable]).toEqual(["core_rejected", status, false]);
    }
    answer = () => ({ status: 202, raw: "not json" });
    expect((await failure(core.postMessage("telegram:1", { messageId: "m", text: "x" }))).code).toBe("core_bad_answer");
    answer = () => ({ status: 200, body: { events: "none" } });
    const broken = await failure(core.events(0, { limit: 1, waitMs: 0 }));
    expect([broken.code, broken.retryable]).toEqual(["core_bad_answer", false]);

    const nowhere = createCoreClient({ baseUrl: "http://127.0.0.1:1", timeoutMs: 500 });
    const down = await failure(nowhere.reportBlocked("telegram:1"));
    expect([down.code, down.status, down.retryable]).toEqual(["core_unavailable", undefined, true]);
    await nowhere.close();
  });

  it("sends no authorization header without a token", async () => {
    const open = createCoreClient({ baseUrl: url });
    await open.reportBlocked("telegram:1");
    await open.close();
    expect(seen[0]?.authorization).toBeUndefined();
  });
});
