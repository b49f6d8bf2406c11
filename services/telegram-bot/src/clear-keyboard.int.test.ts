// A button press removes the pressed message's inline keyboard through the outbox and the send queue, once.
import { asCore, postJson } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@wewall/shared";
import type { FakeTelegram } from "./testing/fake-telegram.js";
import { startTestBed, type TestBed } from "./testing/start-test-bed.js";
import { postUpdate, waitFor, type Harness } from "./testing/harness.js";
import { callbackUpdate } from "./testing/updates.js";

let db: Database;
let telegram: FakeTelegram;
let harness: Harness;

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
  ({ telegram, harness, db } = bed);
});

afterAll(() => bed?.close());

const BUTTONS = [[{ text: "Купить", data: "intent:buy" }], [{ text: "Снять", data: "intent:rent" }]];

// The core pushes a question with buttons; resolves with the id Telegram gave the message.
async function askWithButtons(chatId: number): Promise<number> {
  const answer = await postJson(
    `${harness.url}/v1/deliveries`,
    {
      deliveryId: `question-${chatId}`,
      dialogId: `telegram:${chatId}`,
      channel: "telegram",
      chatId: String(chatId),
      author: "bot",
      reply: { text: "Что вас интересует?", buttons: BUTTONS },
      createdAt: new Date().toISOString(),
    },
    asCore,
  );
  expect(answer.status).toBe(200);
  await waitFor(() => telegram.sentTo(chatId).length === 1, 10_000, "the question");
  return telegram.sentTo(chatId)[0]?.messageId ?? 0;
}

const editsIn = (chatId: number) =>
  telegram.callsOf("editMessageReplyMarkup").filter((call) => call.params.chat_id === String(chatId));

async function rowOf(updateId: number) {
  const result = await db.pool.query<{ status: string; error_code: string | null; reported: boolean }>(
    "SELECT status, error_code, reported FROM tg_deliveries WHERE delivery_id = $1",
    [`tg-local:${updateId}:keyboard`],
  );
  return result.rows[0];
}

describe("keyboard removal after a press", () => {
  it("clears the pressed message's keyboard once, before the core's answer, even when the press is redelivered", async () => {
    const chat = 701;
    const question = await askWithButtons(chat);
    expect(telegram.keyboardOf(chat, question)).toEqual({
      inline_keyboard: [
        [{ text: "Купить", callback_data: "intent:buy" }],
        [{ text: "Снять", callback_data: "intent:rent" }],
      ],
    });
    const press = callbackUpdate(800, chat, "intent:buy", "Купить", question);
    expect(await postUpdate(harness.url, press)).toBe(200);
    expect(await postUpdate(harness.url, press)).toBe(200);
    await waitFor(() => telegram.sentTo(chat).length === 2, 10_000, "the core's answer");
    await harness.service.idle();

    expect(editsIn(chat).map((call) => [call.params, call.status])).toEqual([
      [{ chat_id: String(chat), message_id: question, reply_markup: { inline_keyboard: [] } }, 200],
    ]);
    expect(telegram.keyboardOf(chat, question)).toBeUndefined();
    const editAt = telegram.calls.findIndex((call) => call.method === "editMessageReplyMarkup");
    const answerAt = telegram.calls.findIndex(
      (call) => call.method === "sendMessage" && call.params.text === "Эхо: Купить",
    );
    expect(editAt).toBeGreaterThanOrEqual(0);
    expect(editAt).toBeLessThan(answerAt);
    // The bot's own call: recorded and closed, never reported to the core as a delivery.
    expect(await rowOf(800)).toEqual({ status: "sent", error_code: null, reported: true });
  });

  it("does not hold up the chat when the keyboard is gone already or the message can no longer be edited", async () => {
    const chat = 702;
    const question = await askWithButtons(chat);
    await postUpdate(harness.url, callbackUpdate(810, chat, "intent:buy", "Купить", question));
    // A second press that raced the first removal: Telegram answers "message is not modified".
    await postUpdate(harness.url, callbackUpdate(811, chat, "intent:rent", "Снять", question));
    await waitFor(() => telegram.sentTo(chat).length === 3, 10_000, "both answers");
    telegram.fail({
      method: "editMessageReplyMarkup",
      chatId: String(chat),
      times: 1,
      status: 400,
      description: "Bad Request: message can't be edited",
    });
    await postUpdate(harness.url, callbackUpdate(812, chat, "intent:buy", "Купить", question));
    await waitFor(() => telegram.sentTo(chat).length === 4, 10_000, "the answer after a refused edit");
    await harness.service.idle();

    expect(editsIn(chat).map((call) => call.status)).toEqual([200, 400, 400]);
    expect(editsIn(chat)[1]?.params.message_id).toBe(question);
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual([
      "Что вас интересует?",
      "Эхо: Купить",
      "Эхо: Снять",
      "Эхо: Купить",
    ]);
    expect(await rowOf(811)).toEqual({ status: "sent", error_code: null, reported: true });
    expect(await rowOf(812)).toEqual({ status: "failed", error_code: "rejected", reported: true });
  });

  it("waits out Telegram's 429 on the edit like any send, then clears the keyboard", async () => {
    const chat = 703;
    const question = await askWithButtons(chat);
    telegram.fail({ method: "editMessageReplyMarkup", chatId: String(chat), times: 1, status: 429, retryAfter: 1 });
    await postUpdate(harness.url, callbackUpdate(820, chat, "intent:rent", "Снять", question));
    await waitFor(() => telegram.sentTo(chat).length === 2, 10_000, "the core's answer");
    expect(editsIn(chat).map((call) => call.status)).toEqual([429, 200]);
    expect(telegram.keyboardOf(chat, question)).toBeUndefined();
  });

  it("leaves a message Telegram no longer shows to the bot alone and still passes the press on", async () => {
    const chat = 704;
    await postUpdate(harness.url, callbackUpdate(830, chat, "intent:buy", "Купить", 5, 0));
    await waitFor(() => telegram.sentTo(chat).length === 1, 10_000, "the core's answer");
    await harness.service.idle();
    expect(editsIn(chat)).toEqual([]);
    expect(await rowOf(830)).toBeUndefined();
  });
});
