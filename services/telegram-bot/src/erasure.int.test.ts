// Erasure with the REAL core: its dialog.erased event makes the telegram-bot delete every row about that chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  asAdmin,
  createTestDatabase,
  freePort,
  spawnCore,
  type SpawnedCore,
  type TestDatabase,
  postgresServer,
} from "@wewall/test-support";
import { startFakeTelegram, type FakeTelegram } from "./testing/fake-telegram.js";
import { postUpdate, startHarness, waitFor, type Harness } from "./testing/harness.js";
import { callbackUpdate, memberUpdate, stickerUpdate, textUpdate } from "./testing/updates.js";

let coreDb: TestDatabase;
let botDb: TestDatabase;
let telegram: FakeTelegram;
let harness: Harness | undefined;
let core: SpawnedCore | undefined;
let coreUrl = "";
let botPort = 0;

const startBot = () =>
  startHarness({ db: botDb, apiRoot: telegram.apiRoot, coreUrl, env: { TELEGRAM_PORT: String(botPort) } });

beforeAll(async () => {
  coreDb = await createTestDatabase("wewall_core_tg_erase");
  botDb = await createTestDatabase();
  telegram = await startFakeTelegram();
  const corePort = await freePort();
  botPort = await freePort();
  coreUrl = `http://127.0.0.1:${corePort}`;
  harness = await startBot();
  core = await spawnCore({
    port: corePort,
    databaseUrl: coreDb.url,
    channelUrls: `telegram=http://127.0.0.1:${botPort}/v1/deliveries`,
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await core?.stop();
  await telegram?.close();
  await botDb?.close();
  await coreDb?.close();
});

// Every table of the telegram-bot that holds rows about a chat.
async function rowsAbout(chatId: number): Promise<Record<string, number>> {
  const count = async (table: string) =>
    Number(
      (await botDb.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE chat_id = $1`, [String(chatId)]))
        .rows[0]?.n,
    );
  return {
    tg_updates: await count("tg_updates"),
    tg_deliveries: await count("tg_deliveries"),
    tg_blocked_chats: await count("tg_blocked_chats"),
  };
}

const nothing = { tg_updates: 0, tg_deliveries: 0, tg_blocked_chats: 0 };

async function erase(chatId: number): Promise<void> {
  const answer = await fetch(`${coreUrl}/v1/dialogs/telegram:${chatId}`, { method: "DELETE", headers: asAdmin });
  expect(answer.status).toBe(204);
}

async function greeted(chatId: number, updateId: number): Promise<void> {
  expect(await postUpdate(harness?.url ?? "", textUpdate(updateId, chatId, "привет"))).toBe(200);
  await waitFor(() => telegram.sentTo(chatId).length > 0, 60_000, "the greeting");
}

// The core runs as its own process on this test's database: that takes a server, not the embedded one.
describe.skipIf(!postgresServer)("erasure", () => {
  it("deletes the stored updates, outbox rows and block mark of an erased chat, and nothing of other chats", async () => {
    const url = harness?.url ?? "";
    await greeted(9201, 1);
    const greeting = telegram.sentTo(9201).find((m) => m.params.reply_markup !== undefined);
    await postUpdate(url, callbackUpdate(2, 9201, "intent:buy", "Купить", greeting?.messageId));
    await postUpdate(url, stickerUpdate(3, 9201));
    await postUpdate(url, memberUpdate(4, 9201, "kicked"));
    await greeted(9202, 10);
    await waitFor(
      async () => (await rowsAbout(9201)).tg_blocked_chats === 1 && (await rowsAbout(9201)).tg_updates === 4,
      30_000,
      "the first chat's rows",
    );
    await harness?.service.idle();
    const kept = await rowsAbout(9202);
    const before = await rowsAbout(9201);
    expect(before.tg_deliveries).toBeGreaterThanOrEqual(3);

    await erase(9201);
    await waitFor(async () => (await rowsAbout(9201)).tg_updates === 0, 30_000, "the erased chat's rows to go");
    expect(await rowsAbout(9201)).toEqual(nothing);
    expect(await rowsAbout(9202)).toEqual(kept);
    const cursor = await botDb.pool.query<{ value: string }>("SELECT value FROM tg_state WHERE key = 'event_cursor'");
    expect(Number(cursor.rows[0]?.value)).toBeGreaterThan(0);
  });

  it("stops retrying a reply to a chat erased while Telegram kept failing it", async () => {
    telegram.fail({ method: "sendMessage", chatId: "9204", times: Infinity, status: 500 });
    await postUpdate(harness?.url ?? "", textUpdate(30, 9204, "привет"));
    await waitFor(
      () => telegram.callsOf("sendMessage").some((call) => call.params.chat_id === "9204"),
      60_000,
      "a failed send",
    );
    await erase(9204);
    await waitFor(async () => (await rowsAbout(9204)).tg_deliveries === 0, 30_000, "the outbox rows to go");
    telegram.clearFailures();
    // Resolves only once the retrying lane has given the erased reply up.
    await harness?.service.idle();
    expect(telegram.sentTo(9204)).toEqual([]);
    expect(await rowsAbout(9204)).toEqual(nothing);
  });

  it("after a restart goes on from its stored cursor, and keeps what the client sent after the erasure", async () => {
    await greeted(9203, 20);
    await harness?.service.idle();
    await harness?.close();
    harness = undefined;

    await erase(9203);
    // Telegram's redelivery of a message the client wrote after the erasure, stored before the bot caught up.
    await botDb.pool.query("INSERT INTO tg_updates (update_id, chat_id, payload) VALUES (21, '9203', $1)", [
      JSON.stringify(textUpdate(21, 9203, "снова я")),
    ]);
    const repliesBefore = telegram.sentTo(9203).length;
    harness = await startBot();

    await waitFor(
      async () => (await botDb.pool.query("SELECT 1 FROM tg_updates WHERE update_id = 20")).rowCount === 0,
      30_000,
      "the rows from before the erasure to go",
    );
    await waitFor(() => telegram.sentTo(9203).length > repliesBefore, 60_000, "an answer to the new message");
    const after = await botDb.pool.query<{ update_id: number; status: string }>(
      "SELECT update_id, status FROM tg_updates WHERE chat_id = '9203'",
    );
    expect(after.rows).toEqual([{ update_id: 21, status: "done" }]);
  });
});
