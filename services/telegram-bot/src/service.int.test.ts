// End to end through real HTTP: fake Telegram → telegram-bot (webhook) → fake core → reply recorded by the fake.
import { asCore, type FakeCore } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelTexts, type Database } from "@wewall/shared";
import type { FakeTelegram } from "./testing/fake-telegram.js";
import { startTestBed, type TestBed } from "./testing/start-test-bed.js";
import { postUpdate, TEST_SECRET, waitFor, type Harness } from "./testing/harness.js";
import {
  callbackUpdate,
  contactUpdate,
  editedUpdate,
  groupTextUpdate,
  locationUpdate,
  memberUpdate,
  stickerUpdate,
  albumPhotoUpdate,
  textUpdate,
} from "./testing/updates.js";

let db: Database;
let telegram: FakeTelegram;
let core: FakeCore;
let harness: Harness;

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
  ({ telegram, core, harness } = bed);
  db = bed.db;
});

afterAll(() => bed?.close());

const messagesOf = (chatId: number) =>
  core.messages.filter((m) => m.dialogId === `telegram:${chatId}`).map((m) => m.message);

describe("webhook", () => {
  it("registers itself with setWebhook and the secret on start", () => {
    expect(telegram.webhook).toEqual({ url: "https://bot.example.com/telegram/webhook", secret: TEST_SECRET });
  });

  it("rejects requests without the right secret and stores nothing", async () => {
    expect(await postUpdate(harness.url, textUpdate(1, 100, "привет"), "wrong-secret-0123456789")).toBe(401);
    const stored = await db.pool.query("SELECT 1 FROM tg_updates WHERE update_id = 1");
    expect(stored.rowCount).toBe(0);
  });

  it("answers what is not a Telegram update with fastify's error shape, and accepts a query string", async () => {
    const post = (body: string, path = "/telegram/webhook") =>
      fetch(`${harness.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TEST_SECRET },
        body,
      });
    const broken = await post("{not json");
    expect([broken.status, await broken.json()]).toEqual([
      400,
      { error: "bad_request", message: "the body is not a Telegram update" },
    ]);
    expect((await post('{"update_id": "seven"}')).status).toBe(400);
    expect((await fetch(`${harness.url}/telegram/webhook`)).status).toBe(404);
    const withQuery = await post(JSON.stringify(textUpdate(2, 100, "привет")), "/telegram/webhook?from=telegram");
    expect([withQuery.status, await withQuery.text()]).toEqual([200, '{"ok":true}']);
  });

  it("answers 500 to an update PostgreSQL cannot store (a NUL character): Telegram will send it again", async () => {
    expect(await postUpdate(harness.url, textUpdate(4, 100, "a\u0000b"))).toBe(500);
    expect((await db.pool.query("SELECT 1 FROM tg_updates WHERE update_id = 4")).rowCount).toBe(0);
  });

  it("passes a text to the core, shows typing while it thinks, delivers the reply and reports it", async () => {
    core.setReplyDelay(800);
    expect(await postUpdate(harness.url, textUpdate(10, 101, "привет"))).toBe(200);
    await waitFor(() => telegram.sentTo(101).length === 1, 10_000, "reply");
    expect(telegram.sentTo(101)[0]?.text).toBe("Эхо: привет");
    expect(messagesOf(101)).toEqual([
      {
        messageId: "tg:101:10",
        text: "привет",
        channel: "telegram",
        user: { id: "101", name: "Анна К", username: "user101" },
      },
    ]);
    await waitFor(() => core.statuses.has("d-tg:101:10-0"), 10_000, "status");
    expect(core.statuses.get("d-tg:101:10-0")).toEqual({ status: "delivered", channelMessageId: "1" });
    core.setReplyDelay(0);
    const typing = telegram.callsOf("sendChatAction").find((c) => c.params.chat_id === "101");
    const reply = telegram.callsOf("sendMessage").find((c) => c.params.chat_id === "101");
    expect(typing?.params.action).toBe("typing");
    expect(typing?.at ?? Infinity).toBeLessThanOrEqual(reply?.at ?? 0);
  });

  it("stores a redelivered update once and answers it 200 again", async () => {
    const update = textUpdate(20, 102, "дубль");
    const answers = await Promise.all([postUpdate(harness.url, update), postUpdate(harness.url, update)]);
    expect(answers).toEqual([200, 200]);
    expect(await postUpdate(harness.url, update)).toBe(200);
    await waitFor(() => telegram.sentTo(102).length === 1, 10_000, "reply");
    await harness.service.idle();
    expect(messagesOf(102)).toHaveLength(1);
    expect(telegram.sentTo(102)).toHaveLength(1);
  });

  it("maps commands, buttons, contact, location and edits onto the core contract", async () => {
    const chat = 103;
    const updates = [
      textUpdate(30, chat, "/start ad_campaign_7"),
      textUpdate(31, chat, "/manager"),
      textUpdate(32, chat, "/restart"),
      callbackUpdate(33, chat, "intent:buy", "Купить"),
      contactUpdate(34, chat, "+7 (999) 123-45-67"),
      locationUpdate(35, chat, 55.7558, 37.6173),
      editedUpdate(36, chat, "бюджет 10 млн", 29, 1_700_000_000),
    ];
    for (const update of updates) expect(await postUpdate(harness.url, update)).toBe(200);
    await waitFor(() => messagesOf(chat).length === updates.length, 10_000, "all messages");
    const got = messagesOf(chat);
    expect(got.map((m) => m.messageId)).toEqual([
      "tg:103:30",
      "tg:103:31",
      "tg:103:32",
      "tg:103:cb:cq33",
      "tg:103:34",
      "tg:103:35",
      "tg:103:29:e1700000000",
    ]);
    expect(got[0]).toMatchObject({ text: "/start", source: "ad_campaign_7" });
    expect(got[1]?.text).toBe("позовите менеджера");
    expect(got[2]?.text).toBe("/restart");
    expect(got[3]).toMatchObject({ text: "Купить", button: "intent:buy" });
    expect(got[4]).toMatchObject({ text: "+79991234567", user: { phone: "+79991234567" } });
    expect(got[5]).toMatchObject({ location: { lat: 55.7558, lon: 37.6173 } });
    expect(got[6]).toMatchObject({ text: "бюджет 10 млн", edited: true });
    expect(telegram.callsOf("answerCallbackQuery").map((c) => c.params.callback_query_id)).toContain("cq33");
  });

  it("answers a sticker politely without bothering the core, and ignores group chats", async () => {
    await postUpdate(harness.url, stickerUpdate(40, 104));
    await postUpdate(harness.url, groupTextUpdate(41, -500, "всем привет"));
    await waitFor(() => telegram.sentTo(104).length === 1, 10_000, "polite reply");
    await harness.service.idle();
    expect(telegram.sentTo(104)[0]?.text).toBe(channelTexts.unsupportedMessage);
    expect(messagesOf(104)).toEqual([]);
    expect(core.messages.some((m) => m.dialogId === "telegram:-500")).toBe(false);
    const done = await db.pool.query("SELECT status FROM tg_updates WHERE update_id IN (40, 41)");
    expect(done.rows.map((r) => r.status)).toEqual(["done", "done"]);

    for (let photo = 0; photo < 4; photo += 1)
      await postUpdate(harness.url, albumPhotoUpdate(70 + photo, 107, "alb-1"));
    await waitFor(() => telegram.sentTo(107).length === 1, 10_000, "one answer to the album");
    await harness.service.idle();
    expect(telegram.sentTo(107).map((m) => m.text)).toEqual([channelTexts.unsupportedMessage]);
  });

  it("learns from my_chat_member that the client blocked the bot, and that writing again unblocks", async () => {
    const chat = 105;
    await postUpdate(harness.url, memberUpdate(50, chat, "kicked"));
    await waitFor(() => core.blocked.includes(`telegram:${chat}`), 10_000, "blocked report");
    const push = (deliveryId: string) =>
      fetch(`${harness.url}/v1/deliveries`, {
        method: "POST",
        headers: { "content-type": "application/json", ...asCore },
        body: JSON.stringify({
          deliveryId,
          dialogId: `telegram:${chat}`,
          channel: "telegram",
          chatId: String(chat),
          author: "manager",
          reply: { text: "Менеджер на связи" },
          createdAt: new Date().toISOString(),
        }),
      });
    await push("mgr-1");
    await waitFor(() => core.statuses.has("mgr-1"), 10_000, "status of the blocked delivery");
    expect(core.statuses.get("mgr-1")).toMatchObject({ status: "failed", errorCode: "blocked" });
    expect(telegram.sentTo(chat)).toHaveLength(0);
    await postUpdate(harness.url, textUpdate(51, chat, "я вернулся"));
    await waitFor(() => telegram.sentTo(chat).length === 1, 10_000, "reply after unblocking");
    await push("mgr-2");
    await waitFor(() => core.statuses.has("mgr-2"), 10_000, "manager message status");
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual(["Эхо: я вернулся", "Менеджер на связи"]);
  });

  it("answers a button press at once even while the core is down, and only once", async () => {
    core.setDown(true);
    await postUpdate(harness.url, callbackUpdate(60, 106, "next", "Дальше"));
    const answers = () => telegram.callsOf("answerCallbackQuery").filter((c) => c.params.callback_query_id === "cq60");
    await waitFor(() => answers().length === 1, 10_000, "the callback answer");
    expect(messagesOf(106)).toEqual([]);
    core.setDown(false);
    await waitFor(() => messagesOf(106).length === 1, 20_000, "the press reaching the core");
    expect(messagesOf(106)[0]).toMatchObject({ button: "next", text: "Дальше" });
    expect(answers()).toHaveLength(1);
  });
});
