// Outbox delivery to a channel connector on loopback, the event feed with a cursor, and two cores sharing Redis.
import { createServer, type IncomingMessage as HttpRequest } from "node:http";
import type { Delivery, DialogEvent } from "@wewall/shared";
import { closeServer, listenOnLoopback, asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

const received: Delivery[] = [];
let failuresLeft = 0;
let delayNextMs = 0;
const connector = createServer((request: HttpRequest, response) => {
  let raw = "";
  request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  request.on("end", async () => {
    const delay = delayNextMs;
    delayNextMs = 0;
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      response.writeHead(503).end();
      return;
    }
    const delivery: Delivery = JSON.parse(raw);
    if (!received.some((d) => d.deliveryId === delivery.deliveryId)) received.push(delivery);
    response.writeHead(200, { "content-type": "application/json" }).end('{"accepted":true}');
  });
});

let core: TestCore;
beforeAll(async () => {
  const url = await listenOnLoopback(connector);
  core = await startTestCore({ CHANNEL_URLS: `tg=${url}/v1/deliveries` });
});
afterAll(async () => {
  await core?.close();
  await closeServer(connector);
});

const post = (url: string, payload: object) =>
  core.service.app.inject({ headers: asAdmin, method: "POST", url, payload });

describe("outbox", () => {
  it("delivers every reply once, in order, retrying a connector that fails", async () => {
    failuresLeft = 2;
    await post("/v1/dialogs/tg:100/messages?wait=true", { messageId: "1", text: "привет" });
    await post("/v1/dialogs/tg:100/messages?wait=true", { messageId: "2", text: "хочу купить квартиру" });
    await post("/v1/dialogs/tg:100/operator-messages", { messageId: "op-1", text: "Я подключилась" });
    await expect.poll(() => received.filter((d) => d.dialogId === "tg:100").length, { timeout: 15_000 }).toBe(3);
    const mine = received.filter((d) => d.dialogId === "tg:100");
    expect(mine.map((d) => d.author)).toEqual(["bot", "bot", "manager"]);
    expect(mine[0]).toMatchObject({ channel: "tg", chatId: "100" });
    expect(mine[0]?.reply.text).toMatch(/Здравствуйте/);
    expect(mine[2]?.reply.text).toBe("Я подключилась");
    const statuses = async () =>
      (await core.db.pool.query("SELECT DISTINCT status FROM outbox WHERE dialog_id = 'tg:100'")).rows;
    await expect.poll(statuses, { timeout: 2000 }).toEqual([{ status: "acked" }]);
  });

  it("queues a turn's replies behind the dialog's reply still in flight, and keeps the order when that one fails", async () => {
    const texts = (dialogId: string) => received.filter((d) => d.dialogId === dialogId).map((d) => d.deliveryId);
    const turnIds = async (dialogId: string) =>
      (
        await core.db.pool.query("SELECT delivery_id FROM outbox WHERE dialog_id = $1 ORDER BY id", [dialogId])
      ).rows.map((row: { delivery_id: string }) => row.delivery_id);
    delayNextMs = 300;
    await post("/v1/dialogs/tg:110/messages?wait=true", { messageId: "1", text: "привет" });
    await post("/v1/dialogs/tg:110/messages?wait=true", { messageId: "2", text: "хочу купить квартиру" });
    await expect.poll(() => texts("tg:110").length, { timeout: 15_000 }).toBe(2);
    expect(texts("tg:110")).toEqual(await turnIds("tg:110"));

    delayNextMs = 300;
    failuresLeft = 1;
    await post("/v1/dialogs/tg:120/messages?wait=true", { messageId: "1", text: "привет" });
    await post("/v1/dialogs/tg:120/messages?wait=true", { messageId: "2", text: "хочу купить квартиру" });
    await expect.poll(() => texts("tg:120").length, { timeout: 15_000 }).toBe(2);
    expect(texts("tg:120")).toEqual(await turnIds("tg:120"));
  });

  it("records the connector's delivery report as an event carrying the manager message id", async () => {
    const manager = received.find((d) => d.author === "manager");
    const report = await post(`/v1/deliveries/${manager?.deliveryId}/status`, {
      status: "delivered",
      channelMessageId: "555",
    });
    expect(report.statusCode).toBe(204);
    const events = await core.db.pool.query("SELECT data FROM events WHERE type = 'delivery.status'");
    expect(events.rows[0]?.data).toMatchObject({
      status: "delivered",
      author: "manager",
      messageId: "op-1",
      channelMessageId: "555",
    });
    expect((await post("/v1/deliveries/nope/status", { status: "delivered" })).statusCode).toBe(404);

    const repeated = await post(`/v1/deliveries/${manager?.deliveryId}/status`, { status: "delivered" });
    expect(repeated.statusCode).toBe(204);
    const late = await post(`/v1/deliveries/${manager?.deliveryId}/status`, { status: "failed", error: "late" });
    expect(late.statusCode).toBe(204);
    const after = await core.db.pool.query("SELECT count(*)::int AS n FROM events WHERE type = 'delivery.status'");
    expect(after.rows[0]).toEqual({ n: 1 });
  });

  it("stops delivering to a client who blocked the bot", async () => {
    await post("/v1/dialogs/tg:200/messages", { messageId: "1", text: "привет" });
    await expect.poll(() => received.filter((d) => d.dialogId === "tg:200").length, { timeout: 5000 }).toBe(1);
    expect((await post("/v1/dialogs/tg:200/blocked", {})).statusCode).toBe(204);
    await post("/v1/dialogs/tg:200/operator-messages", { messageId: "op-2", text: "Вы тут?" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received.filter((d) => d.dialogId === "tg:200")).toHaveLength(1);
  });

  it("answers again once the client who blocked the bot writes (they unblocked it), but not on a redelivery", async () => {
    const blockedRow = () => core.db.pool.query("SELECT blocked FROM dialogs WHERE id = 'tg:200'");
    expect((await post("/v1/dialogs/tg:200/messages", { messageId: "1", text: "привет" })).json()).toMatchObject({
      duplicate: true,
    });
    expect((await blockedRow()).rows[0]).toEqual({ blocked: true });
    await post("/v1/dialogs/tg:200/messages", { messageId: "2", text: "/start" });
    await expect.poll(() => received.filter((d) => d.dialogId === "tg:200").length, { timeout: 5000 }).toBe(2);
    expect((await blockedRow()).rows[0]).toEqual({ blocked: false });
  });
});

describe("event feed", () => {
  it("returns events in order after a cursor and long-polls for new ones", async () => {
    const page = (
      await core.service.app.inject({ headers: asAdmin, method: "GET", url: "/v1/events?after=0&limit=1000" })
    ).json();
    const ofDialog = page.events.filter((e: DialogEvent) => e.dialogId === "tg:100").map((e: DialogEvent) => e.type);
    expect(ofDialog.slice(0, 4)).toEqual(["message.in", "message.out", "message.in", "message.out"]);
    const ids = page.events.map((e: DialogEvent) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const waiting = core.service.app.inject({
      headers: asAdmin,
      method: "GET",
      url: `/v1/events?after=${page.cursor}&waitMs=5000`,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await post("/v1/dialogs/tg:300/messages", { messageId: "1", text: "привет" });
    const next = (await waiting).json();
    expect(next.events[0]).toMatchObject({ dialogId: "tg:300", type: "message.in", data: { text: "привет" } });
    expect(next.cursor).toBeGreaterThan(page.cursor);
  });

  it("erases every row about a client and publishes the erasure", async () => {
    expect(
      (await core.service.app.inject({ headers: asAdmin, method: "DELETE", url: "/v1/dialogs/tg:300" })).statusCode,
    ).toBe(204);
    for (const table of ["dialogs", "inbox", "transcript", "outbox", "leads"]) {
      const column = table === "dialogs" ? "id" : "dialog_id";
      const left = await core.db.pool.query(`SELECT 1 FROM ${table} WHERE ${column} = 'tg:300'`);
      expect(left.rowCount, table).toBe(0);
    }
    const checkpoints = await core.db.pool.query("SELECT 1 FROM checkpoints WHERE thread_id = 'tg:300'");
    expect(checkpoints.rowCount).toBe(0);
    const events = await core.db.pool.query("SELECT type FROM events WHERE dialog_id = 'tg:300'");
    expect(events.rows).toEqual([{ type: "dialog.erased" }]);
    expect(
      (await core.service.app.inject({ headers: asAdmin, method: "DELETE", url: "/v1/dialogs/tg:300" })).statusCode,
    ).toBe(404);
  });
});
