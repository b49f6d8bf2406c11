// End to end with the REAL core spawned as a child process: fake Telegram → telegram-bot → core → reply in the fake.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, freePort, spawnCore, type SpawnedCore, type TestDatabase } from "@wewall/test-support";
import { startFakeTelegram, type FakeTelegram } from "./testing/fake-telegram.js";
import { postUpdate, startHarness, waitFor, type Harness } from "./testing/harness.js";
import { callbackUpdate, textUpdate } from "./testing/updates.js";

let coreDb: TestDatabase;
let botDb: TestDatabase;
let telegram: FakeTelegram;
let harness: Harness | undefined;
let core: SpawnedCore | undefined;
let coreUrl = "";

// The real core proves it sends its token with every push (the bot refuses pushes without it), and the bot its own.

async function startBot(port: number): Promise<Harness> {
  return startHarness({
    db: botDb,
    apiRoot: telegram.apiRoot,
    coreUrl,
    env: { TELEGRAM_PORT: String(port) },
  });
}

beforeAll(async () => {
  coreDb = await createTestDatabase("wewall_core_tg");
  botDb = await createTestDatabase();
  telegram = await startFakeTelegram();
  const corePort = await freePort();
  const botPort = await freePort();
  coreUrl = `http://127.0.0.1:${corePort}`;
  // The bot starts first: until the core serves, updates wait in its inbox.
  harness = await startBot(botPort);
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

const harnessIdle = async () => harness?.service.idle();

const inlineButtons = (params: Record<string, unknown>): { text: string; callback_data: string }[] => {
  const markup = params.reply_markup;
  if (typeof markup !== "object" || markup === null || !("inline_keyboard" in markup)) return [];
  const rows = markup.inline_keyboard;
  return Array.isArray(rows) ? rows.flat() : [];
};

describe("with the real core", () => {
  it("greets a client who says привет, with intent buttons, and reports the delivery", async () => {
    const url = harness?.url ?? "";
    expect(await postUpdate(url, textUpdate(1, 9001, "/start promo_tg"))).toBe(200);
    expect(await postUpdate(url, textUpdate(2, 9001, "привет"))).toBe(200);
    // Telegram redelivering an update changes nothing.
    expect(await postUpdate(url, textUpdate(2, 9001, "привет"))).toBe(200);
    await waitFor(() => telegram.sentTo(9001).some((m) => inlineButtons(m.params).length > 0), 60_000, "a greeting");
    const greeting = telegram.sentTo(9001).find((m) => inlineButtons(m.params).length > 0);
    expect(greeting?.text).toMatch(/[а-яё]/i);
    if (process.env.TEST_SHOW_REPLIES) console.log(telegram.sentTo(9001).map((m) => [m.text, inlineButtons(m.params)]));
    // Every message Telegram shows is one the outbox recorded once: the redelivery produced nothing more.
    await waitFor(
      async () => {
        await harnessIdle();
        const recorded = await botDb.pool.query<{ parts: number }>(
          "SELECT coalesce(sum(jsonb_array_length(sent_ids)), 0)::int AS parts FROM tg_deliveries WHERE chat_id = '9001'",
        );
        return telegram.sentTo(9001).length === recorded.rows[0]?.parts;
      },
      10_000,
      "Telegram's messages to match the outbox",
    );
    await waitFor(
      async () =>
        ((await botDb.pool.query("SELECT 1 FROM tg_deliveries WHERE chat_id = '9001' AND NOT reported")).rowCount ??
          1) === 0,
      30_000,
      "statuses reported to the core",
    );
  });

  it("passes a button press on, answers the callback query and clears the pressed keyboard", async () => {
    const url = harness?.url ?? "";
    const before = telegram.sentTo(9001).length;
    const greeting = telegram.sentTo(9001).find((m) => inlineButtons(m.params).length > 0);
    const button = greeting ? inlineButtons(greeting.params)[0] : undefined;
    expect(button).toBeDefined();
    await postUpdate(url, callbackUpdate(3, 9001, button?.callback_data ?? "", button?.text, greeting?.messageId));
    // The answer to the press itself: a late reply to an earlier message must not pass for it.
    const answered = () =>
      telegram
        .sentTo(9001)
        .slice(before)
        .some((m) => /купить или снять/.test(m.text ?? ""));
    await waitFor(answered, 60_000, "the core's answer to the button");
    expect(telegram.callsOf("answerCallbackQuery").some((c) => c.params.callback_query_id === "cq3")).toBe(true);
    expect(telegram.keyboardOf(9001, greeting?.messageId ?? 0)).toBeUndefined();
  });

  it("survives a restart of the telegram-bot between receiving a reply and sending it: sent once", async () => {
    const port = Number(new URL(harness?.url ?? "").port);
    telegram.fail({ method: "sendMessage", chatId: "9002", times: Infinity, status: 500 });
    await postUpdate(harness?.url ?? "", textUpdate(10, 9002, "привет"));
    await waitFor(
      async () => ((await botDb.pool.query("SELECT 1 FROM tg_deliveries WHERE chat_id = '9002'")).rowCount ?? 0) > 0,
      60_000,
      "the reply recorded in the outbox",
    );
    await harness?.close();
    telegram.clearFailures();
    harness = await startBot(port);
    await waitFor(
      async () =>
        ((await botDb.pool.query("SELECT 1 FROM tg_deliveries WHERE chat_id = '9002' AND status = 'pending'"))
          .rowCount ?? 1) === 0 && telegram.sentTo(9002).length > 0,
      60_000,
      "the reply sent after the restart",
    );
    await harness.service.idle();
    const recorded = await botDb.pool.query<{ parts: number }>(
      "SELECT coalesce(sum(jsonb_array_length(sent_ids)), 0)::int AS parts FROM tg_deliveries WHERE chat_id = '9002'",
    );
    const sentIds = telegram.sentTo(9002).map((m) => m.messageId);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(sentIds.length).toBe(recorded.rows[0]?.parts);
  });
});
