// Many chats at once and bursts within a chat: every message answered exactly once, each chat in order.
import { type FakeCore } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./testing/fake-telegram.js";
import { startTestBed, type TestBed } from "./testing/start-test-bed.js";
import { postUpdate, waitFor, type Harness } from "./testing/harness.js";
import { textUpdate } from "./testing/updates.js";

let telegram: FakeTelegram;
let core: FakeCore;
let harness: Harness;

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
  ({ telegram, core, harness } = bed);
});

afterAll(() => bed?.close());

// Telegram opens at most 100 webhook connections; the test keeps 200 requests in flight.
async function inParallel<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        const item = items[index];
        if (item !== undefined) results[index] = await task(item);
      }
    }),
  );
  return results;
}

describe("load", () => {
  it("answers 1 000 chats writing at once, each exactly once, with every update redelivered", async () => {
    const chats = Array.from({ length: 1000 }, (_, i) => 10_000 + i);
    const updates = chats.map((chat, i) => textUpdate(1_000 + i, chat, `привет ${chat}`));
    // Telegram redelivers when it misses an answer: every update arrives twice, concurrently.
    const answers = await inParallel([...updates, ...updates], 200, (update) => postUpdate(harness.url, update));
    expect(answers.every((status) => status === 200)).toBe(true);
    await waitFor(() => telegram.sent.length >= 1000, 60_000, "1 000 replies");
    await harness.service.idle();
    await waitFor(() => core.statuses.size >= 1000, 30_000, "1 000 statuses");
    expect(telegram.sent).toHaveLength(1000);
    const perChat = new Map<string, number>();
    for (const message of telegram.sent) perChat.set(message.chatId, (perChat.get(message.chatId) ?? 0) + 1);
    expect(perChat.size).toBe(1000);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(core.messages).toHaveLength(1000);
  });

  it("keeps a burst in one chat in order, both towards the core and back", async () => {
    const chat = 777;
    const burst = Array.from({ length: 20 }, (_, i) => textUpdate(5_000 + i, chat, `сообщение ${i}`));
    // Sent concurrently, as Telegram may with several webhook connections.
    await Promise.all(burst.map((update) => postUpdate(harness.url, update)));
    await waitFor(() => telegram.sentTo(chat).length === 20, 30_000, "20 replies");
    const toCore = core.messages.filter((m) => m.dialogId === `telegram:${chat}`).map((m) => m.message.text);
    expect(toCore).toEqual(burst.map((_, i) => `сообщение ${i}`));
    expect(telegram.sentTo(chat).map((m) => m.text)).toEqual(burst.map((_, i) => `Эхо: сообщение ${i}`));
  });
});
