// The outbound path: deliveries pushed by a core, rendered, rate-limited, retried and reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "@wewall/shared";
import { asCore, expectEveryRouteGuarded, type FakeCore } from "@wewall/test-support";
import type { FakeTelegram } from "../testing/fake-telegram.js";
import { startTestBed, type TestBed } from "../testing/start-test-bed.js";
import { waitFor, type Harness } from "../testing/harness.js";

let telegram: FakeTelegram;
let core: FakeCore;
let harness: Harness;

const authorized = { "content-type": "application/json", ...asCore };

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed({ env: { TELEGRAM_TIMEOUT_SECONDS: "1" }, connectCore: false });
  ({ telegram, core, harness } = bed);
});

afterAll(() => bed?.close());

async function push(deliveryId: string, chatId: number, reply: Reply): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${harness.url}/v1/deliveries`, {
    method: "POST",
    headers: authorized,
    body: JSON.stringify({
      deliveryId,
      dialogId: `telegram:${chatId}`,
      channel: "telegram",
      chatId: String(chatId),
      author: "bot",
      reply,
      createdAt: new Date().toISOString(),
    }),
  });
  return { status: response.status, body: await response.json() };
}

describe("POST /v1/deliveries", () => {
  it("rejects a body that breaks the contract", async () => {
    const response = await fetch(`${harness.url}/v1/deliveries`, {
      method: "POST",
      headers: authorized,
      body: JSON.stringify({ deliveryId: "x" }),
    });
    expect(response.status).toBe(400);
  });

  it("refuses every route but the webhook and probes without a service token", async () => {
    expect(await expectEveryRouteGuarded(harness.service.app)).toBeGreaterThanOrEqual(2);
  });

  it("refuses a push from a service other than the core", async () => {
    const asAdmin = { "content-type": "application/json", authorization: "Bearer test-telegram-token-000000000" };
    const response = await fetch(`${harness.url}/v1/deliveries`, { method: "POST", headers: asAdmin, body: "{}" });
    expect(response.status).toBe(403);
  });

  it("refuses a push without the core's token, or with a wrong one, and sends nothing", async () => {
    const delivery = {
      deliveryId: "forged-1",
      dialogId: "telegram:777",
      channel: "telegram",
      chatId: "777",
      author: "bot",
      reply: { text: "реклама" },
      createdAt: new Date().toISOString(),
    };
    const unauthorized: Record<string, string>[] = [
      { "content-type": "application/json" },
      { "content-type": "application/json", authorization: "Bearer not-the-token-at-all" },
    ];
    for (const headers of unauthorized) {
      const response = await fetch(`${harness.url}/v1/deliveries`, {
        method: "POST",
        headers,
        body: JSON.stringify(delivery),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "unauthorized" });
    }
    const stored = await bed.db.pool.query("SELECT 1 FROM tg_deliveries WHERE delivery_id = 'forged-1'");
    expect(stored.rowCount).toBe(0);
  });

  it("records once: a re-push answers 200 again and sends nothing more", async () => {
    expect(await push("dup-1", 201, { text: "один раз" })).toEqual({
      status: 200,
      body: { accepted: true, duplicate: false },
    });
    expect(await push("dup-1", 201, { text: "один раз" })).toEqual({
      status: 200,
      body: { accepted: true, duplicate: true },
    });
    await waitFor(() => core.statuses.has("dup-1"), 10_000, "status");
    expect(await push("dup-1", 201, { text: "один раз" })).toEqual({
      status: 200,
      body: { accepted: true, duplicate: true },
    });
    await harness.service.idle();
    expect(telegram.sentTo(201)).toHaveLength(1);
  });

  it("splits long text on sentence boundaries and puts the buttons under the last part", async () => {
    const sentence = "Это предложение про квартиру в хорошем районе. ";
    const text = sentence.repeat(120).trim();
    const buttons = [
      [
        { text: "Дальше", data: "next" },
        { text: "Позвоните мне", data: "call" },
      ],
    ];
    await push("long-1", 202, { text, buttons });
    await waitFor(() => core.statuses.has("long-1"), 10_000, "status");
    const sent = telegram.sentTo(202);
    expect(sent).toHaveLength(2);
    expect(sent.every((m) => (m.text ?? "").length <= 4096)).toBe(true);
    expect(sent[0]?.text?.endsWith(".")).toBe(true);
    expect(sent.map((m) => m.text).join(" ")).toBe(text);
    expect(sent[0]?.params.reply_markup).toBeUndefined();
    expect(sent[1]?.params.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "Дальше", callback_data: "next" },
          { text: "Позвоните мне", callback_data: "call" },
        ],
      ],
    });
    expect(core.statuses.get("long-1")).toEqual({ status: "delivered", channelMessageId: "1,2" });
  });

  it("asks for the phone with a request_contact reply keyboard", async () => {
    await push("phone-1", 203, { text: "Оставьте телефон", requestPhone: true });
    await waitFor(() => telegram.sentTo(203).length === 1, 10_000, "message");
    expect(telegram.sentTo(203)[0]?.params.reply_markup).toMatchObject({
      keyboard: [[{ request_contact: true }]],
      one_time_keyboard: true,
    });
  });

  it("sends listing photos as a media group, a single card as a photo with caption and buttons", async () => {
    const photos = ["https://img.example.com/1.jpg", "https://img.example.com/2.jpg", "https://img.example.com/3.jpg"];
    await push("album-1", 204, { text: "Три варианта", photos });
    await waitFor(() => core.statuses.has("album-1"), 10_000, "album status");
    expect(telegram.sentTo(204).map((m) => m.method)).toEqual([
      "sendMediaGroup",
      "sendMediaGroup",
      "sendMediaGroup",
      "sendMessage",
    ]);
    await push("card-1", 205, {
      text: "2-к, 54 м²",
      photos: [photos[0] ?? ""],
      buttons: [[{ text: "Ещё", data: "more" }]],
    });
    await waitFor(() => core.statuses.has("card-1"), 10_000, "card status");
    const [card] = telegram.sentTo(205);
    expect(card).toMatchObject({ method: "sendPhoto", text: "2-к, 54 м²" });
    expect(card?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "Ещё", callback_data: "more" }]] });
  });

  it("waits retry_after on 429 and sends exactly once", async () => {
    telegram.fail({ method: "sendMessage", chatId: "206", times: 1, status: 429, retryAfter: 1 });
    await push("flood-1", 206, { text: "после паузы" });
    await waitFor(() => telegram.sentTo(206).length === 1, 10_000, "message");
    const attempts = telegram.callsOf("sendMessage").filter((c) => c.params.chat_id === "206");
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("retries 5xx and network-level failures with backoff until Telegram accepts", async () => {
    telegram.fail({ method: "sendMessage", chatId: "207", times: 2, status: 502 });
    telegram.fail({ method: "sendMessage", chatId: "207", times: 1, status: 0 });
    await push("flaky-1", 207, { text: "дойдёт" });
    await waitFor(() => core.statuses.has("flaky-1"), 15_000, "status");
    expect(telegram.sentTo(207)).toHaveLength(1);
    expect(core.statuses.get("flaky-1")).toMatchObject({ status: "delivered" });
  });

  it("on 403 marks the chat blocked, tells the core, and stops sending there", async () => {
    telegram.block(208);
    await push("blocked-1", 208, { text: "не дойдёт" });
    await push("blocked-2", 208, { text: "и это тоже" });
    await waitFor(() => core.statuses.has("blocked-2"), 10_000, "second status");
    expect(core.statuses.get("blocked-1")).toMatchObject({ status: "failed", errorCode: "blocked" });
    expect(core.statuses.get("blocked-2")).toMatchObject({ status: "failed", errorCode: "blocked" });
    await waitFor(() => core.blocked.includes("telegram:208"), 10_000, "blocked report");
    const attempts = telegram.callsOf("sendMessage").filter((c) => c.params.chat_id === "208");
    expect(attempts).toHaveLength(1);
  });

  it("keeps one chat's deliveries in order while other chats proceed", async () => {
    telegram.fail({ method: "sendMessage", chatId: "209", times: 2, status: 500 });
    for (let i = 1; i <= 6; i += 1) await push(`order-${i}`, 209, { text: `сообщение ${i}` });
    await push("other-1", 210, { text: "другой чат" });
    await waitFor(() => telegram.sentTo(209).length === 6, 15_000, "six messages");
    expect(telegram.sentTo(209).map((m) => m.text)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `сообщение ${i}`));
    expect(telegram.sentTo(210)).toHaveLength(1);
  });

  it("falls back to text when Telegram refuses a listing photo", async () => {
    telegram.fail({
      method: "sendPhoto",
      chatId: "211",
      times: 1,
      status: 400,
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
    await push("badphoto-1", 211, {
      text: "Карточка",
      photos: ["https://img.example.com/broken.jpg"],
      buttons: [[{ text: "Ещё", data: "more" }]],
    });
    await waitFor(() => core.statuses.has("badphoto-1"), 10_000, "status");
    expect(telegram.sentTo(211)).toMatchObject([{ method: "sendMessage", text: "Карточка" }]);
  });

  it("gives up on a call Telegram does not answer in time and retries it", async () => {
    telegram.fail({ method: "sendMessage", chatId: "212", times: 1, status: 504, delayMs: 2_000 });
    await push("slow-1", 212, { text: "после тайм-аута" });
    await waitFor(() => core.statuses.has("slow-1"), 15_000, "status");
    expect(telegram.sentTo(212).map((m) => m.text)).toEqual(["после тайм-аута"]);
    expect(core.statuses.get("slow-1")).toMatchObject({ status: "delivered" });
  });
});
