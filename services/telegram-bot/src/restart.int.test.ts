// Restarts of the telegram-bot between receiving and sending: nothing lost, nothing sent twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  type TestDatabase,
  asCore,
  startFakeCore,
  type FakeCore,
  postJson,
  TEST_SERVICE_ENV,
} from "@wewall/test-support";
import { startFakeTelegram, type FakeTelegram } from "./testing/fake-telegram.js";
import { postUpdate, startHarness, waitFor, type Harness } from "./testing/harness.js";
import { callbackUpdate, textUpdate } from "./testing/updates.js";
import { pruneFinished } from "./retention.js";

let db: TestDatabase;
let telegram: FakeTelegram;
let core: FakeCore;
let harness: Harness | undefined;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await startFakeTelegram();
  core = await startFakeCore({
    token: TEST_SERVICE_ENV.TELEGRAM_SERVICE_TOKEN,
    reply: (_dialog, message) =>
      message.text === "длинно"
        ? [{ text: "Первая часть про квартиру. ".repeat(200).trim() }]
        : [{ text: `Эхо: ${message.text}` }],
  });
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  telegram.clearFailures();
});

afterAll(async () => {
  await core?.close();
  await telegram?.close();
  await db?.close();
});

async function start(): Promise<Harness> {
  harness = await startHarness({ db, apiRoot: telegram.apiRoot, coreUrl: core.url });
  core.setConnector(`${harness.url}/v1/deliveries`);
  return harness;
}

async function restart(): Promise<Harness> {
  await harness?.close();
  harness = undefined;
  return start();
}

const count = async (sql: string, params: unknown[] = []) => (await db.pool.query(sql, params)).rowCount ?? 0;

describe("restart", () => {
  it("keeps updates stored while the core is down and passes them on after a restart, in order", async () => {
    const first = await start();
    core.setDown(true);
    for (const [id, chat, text] of [
      [100, 301, "раз"],
      [101, 302, "два"],
      [102, 301, "три"],
    ] as const) {
      expect(await postUpdate(first.url, textUpdate(id, chat, text))).toBe(200);
    }
    await waitFor(
      async () => (await count("SELECT 1 FROM tg_updates WHERE update_id = 100 AND attempts > 0")) === 1,
      10_000,
      "a failed attempt to reach the core",
    );
    expect(await count("SELECT 1 FROM tg_updates WHERE update_id BETWEEN 100 AND 102 AND status = 'pending'")).toBe(3);
    await restart();
    core.setDown(false);
    await waitFor(() => telegram.sentTo(301).length === 2 && telegram.sentTo(302).length === 1, 20_000, "replies");
    expect(telegram.sentTo(301).map((m) => m.text)).toEqual(["Эхо: раз", "Эхо: три"]);
    expect(telegram.sentTo(302).map((m) => m.text)).toEqual(["Эхо: два"]);
    // Done marks are written in bulk a moment later; idle() writes what is waiting.
    await harness?.service.idle();
    expect(await count("SELECT 1 FROM tg_updates WHERE update_id BETWEEN 100 AND 102 AND status = 'done'")).toBe(3);
  });

  it("sends a delivery recorded before the restart exactly once after it", async () => {
    const first = await start();
    telegram.fail({ method: "sendMessage", chatId: "303", times: Infinity, status: 500 });
    await postUpdate(first.url, textUpdate(110, 303, "после рестарта"));
    await waitFor(
      () => telegram.callsOf("sendMessage").some((c) => c.params.chat_id === "303"),
      10_000,
      "a failed send",
    );
    expect(await count("SELECT 1 FROM tg_deliveries WHERE chat_id = '303' AND status = 'pending'")).toBe(1);
    telegram.clearFailures();
    await restart();
    await waitFor(() => core.statuses.has("d-tg:303:110-0"), 15_000, "status");
    await harness?.service.idle();
    expect(telegram.sentTo(303).map((m) => m.text)).toEqual(["Эхо: после рестарта"]);
  });

  it("resumes a split reply at the part after the last one Telegram accepted", async () => {
    const first = await start();
    telegram.fail({ method: "sendMessage", chatId: "304", times: 1, status: 200 });
    telegram.fail({ method: "sendMessage", chatId: "304", times: Infinity, status: 503 });
    await postUpdate(first.url, textUpdate(120, 304, "длинно"));
    await waitFor(
      () => telegram.callsOf("sendMessage").filter((c) => c.params.chat_id === "304").length >= 2,
      10_000,
      "part 2 failing",
    );
    telegram.clearFailures();
    await restart();
    await waitFor(() => core.statuses.has("d-tg:304:120-0"), 15_000, "status");
    const sent = telegram.sentTo(304);
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((m) => m.text)).size).toBe(2);
  });

  it("a shutdown during a slow send waits for Telegram's answer and records it, so nothing is resent", async () => {
    const first = await start();
    telegram.fail({ method: "sendMessage", chatId: "305", times: 1, status: 200, delayMs: 1500 });
    await postUpdate(first.url, textUpdate(130, 305, "медленно"));
    await waitFor(
      async () => (await count("SELECT 1 FROM tg_deliveries WHERE chat_id = '305' AND attempt_part = 0")) === 1,
      10_000,
      "the send in flight",
    );
    await restart();
    await harness?.service.idle();
    await waitFor(() => core.statuses.has("d-tg:305:130-0"), 15_000, "status");
    expect(telegram.sentTo(305)).toHaveLength(1);
  });

  it("clears a pressed keyboard after a restart when Telegram failed the edit before it", async () => {
    const first = await start();
    const pushed = await postJson(
      `${first.url}/v1/deliveries`,
      {
        deliveryId: "question-306",
        dialogId: "telegram:306",
        channel: "telegram",
        chatId: "306",
        author: "bot",
        reply: { text: "Купить или снять?", buttons: [[{ text: "Купить", data: "intent:buy" }]] },
        createdAt: new Date().toISOString(),
      },
      asCore,
    );
    expect(pushed.status).toBe(200);
    await waitFor(() => telegram.sentTo(306).length === 1, 10_000, "the question");
    const question = telegram.sentTo(306)[0]?.messageId ?? 0;
    telegram.fail({ method: "editMessageReplyMarkup", chatId: "306", times: Infinity, status: 502 });
    await postUpdate(first.url, callbackUpdate(140, 306, "intent:buy", "Купить", question));
    await waitFor(() => telegram.callsOf("editMessageReplyMarkup").length > 0, 10_000, "a failed edit");
    telegram.clearFailures();
    await restart();
    await waitFor(() => telegram.keyboardOf(306, question) === undefined, 15_000, "the keyboard cleared");
    await harness?.service.idle();
    const edits = telegram.callsOf("editMessageReplyMarkup").filter((call) => call.params.chat_id === "306");
    expect(edits.filter((call) => call.status === 200)).toHaveLength(1);
    expect(
      await count("SELECT 1 FROM tg_deliveries WHERE delivery_id = 'tg-local:140:keyboard' AND status = 'sent'"),
    ).toBe(1);
  });

  it("prunes finished rows past their retention and keeps pending ones", async () => {
    await db.pool.query("UPDATE tg_updates SET done_at = now() - interval '8 days' WHERE status = 'done'");
    await db.pool.query(
      "INSERT INTO tg_updates (update_id, chat_id, payload) VALUES (999999, '1', '{\"update_id\": 999999}')",
    );
    await db.pool.query("UPDATE tg_deliveries SET done_at = now() - interval '31 days' WHERE reported");
    const pruned = await pruneFinished(db.pool);
    expect(pruned.updates).toBeGreaterThan(0);
    expect(pruned.deliveries).toBeGreaterThan(0);
    expect(await count("SELECT 1 FROM tg_updates WHERE update_id = 999999")).toBe(1);
    expect(await count("SELECT 1 FROM tg_updates WHERE status = 'done'")).toBe(0);
    await db.pool.query("DELETE FROM tg_updates WHERE update_id = 999999");
  });
});
