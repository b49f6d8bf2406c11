// The embedded default: PGlite behind one pooled connection; the whole pipeline must work without a second one.
import { startFakeCore, type FakeCore, TEST_SERVICE_ENV } from "@wewall/test-support";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@wewall/shared";
import { startFakeTelegram, type FakeTelegram } from "./testing/fake-telegram.js";
import { postUpdate, startHarness, waitFor, type Harness } from "./testing/harness.js";
import { textUpdate } from "./testing/updates.js";

let dir: string;
let db: Database;
let telegram: FakeTelegram;
let core: FakeCore;
let harness: Harness;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tg-bot-pglite-"));
  db = await openDatabase({ dataDir: dir });
  telegram = await startFakeTelegram();
  core = await startFakeCore({ token: TEST_SERVICE_ENV.TELEGRAM_SERVICE_TOKEN });
  harness = await startHarness({ db, apiRoot: telegram.apiRoot, coreUrl: core.url });
  core.setConnector(`${harness.url}/v1/deliveries`);
});

afterAll(async () => {
  await harness?.close();
  await core?.close();
  await telegram?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("on embedded PGlite", () => {
  it("receives, forwards, delivers and reports with a single database connection", async () => {
    expect(db.embedded).toBe(true);
    const chats = Array.from({ length: 20 }, (_, i) => 700 + i);
    await Promise.all(chats.map((chat, i) => postUpdate(harness.url, textUpdate(100 + i, chat, `привет ${i}`))));
    await waitFor(() => telegram.sent.length === chats.length, 30_000, "replies");
    await waitFor(() => core.statuses.size === chats.length, 30_000, "statuses");
    expect(new Set(telegram.sent.map((m) => m.chatId)).size).toBe(chats.length);
  });
});
