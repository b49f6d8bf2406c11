// The outbox under amoCRM trouble: outages, 429s, 5xx and bad requests, with order per chat and 7 req/s kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedCall } from "../testing/fake-amocrm.js";
import { createOutbox } from "./create-outbox.js";
import { startHarness, until, type Harness } from "../testing/start-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // Connect the channel first so the tests below look at dialog traffic only.
  h.core.clientSays("telegram:100", "warm", "старт");
  await until(() => h.amo.messagesOf("telegram:100").length === 1, "warm-up");
});
afterAll(async () => {
  await h?.close();
});

// The most requests that reached amoCRM (failed ones included) within any one second. Calls are booked 1/7 s
// apart (+10%); on a loaded test machine timer and socket jitter can still squeeze one extra into a window,
// which the fake answers with 429 and the outbox retries — so the bound checked is 7 plus that one straggler.
const JITTER_ALLOWANCE = 1;
function busiestSecond(calls: RecordedCall[]): number {
  const times = calls.filter((c) => c.api !== "oauth").map((c) => c.at);
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
}

const say = (dialog: string, n: number) => {
  for (let i = 1; i <= n; i++) h.core.clientSays(dialog, `${dialog}-m${i}`, `${dialog} сообщение ${i}`);
};
const texts = (dialog: string) => h.amo.textsOf(dialog).map(([, text]) => text);
const expected = (dialog: string, n: number) => Array.from({ length: n }, (_, i) => `${dialog} сообщение ${i + 1}`);

describe("amoCRM call outbox", () => {
  it("survives an outage and a restart during it: nothing lost, order kept, no flood afterwards", async () => {
    h.amo.state.down = true;
    const start = h.amo.calls.length;
    say("telegram:201", 4);
    say("telegram:202", 4);
    say("telegram:203", 4);
    await until(
      () => h.amo.calls.slice(start).filter((c) => c.status === 503).length >= 10,
      "retries during the outage",
    );
    await h.restart();
    await new Promise((resolve) => setTimeout(resolve, 800));
    const outage = h.amo.calls.slice(start);
    expect(outage.every((c) => c.status === 503)).toBe(true);

    h.amo.state.down = false;
    for (const dialog of ["telegram:201", "telegram:202", "telegram:203"])
      await until(() => texts(dialog).length === 4, `${dialog} mirrored`, 30_000);
    for (const dialog of ["telegram:201", "telegram:202", "telegram:203"])
      expect(texts(dialog)).toEqual(expected(dialog, 4));
    expect(busiestSecond(h.amo.calls.slice(start))).toBeLessThanOrEqual(7 + JITTER_ALLOWANCE);
    expect(h.amo.state.rejected429).toBeLessThanOrEqual(JITTER_ALLOWANCE);
    // The last rows are marked done a moment after amoCRM answered them.
    await until(
      async () => (await h.db.pool.query("SELECT 1 FROM amo_outbox WHERE status <> 'done'")).rowCount === 0,
      "every row done, none failed",
      5000,
    );
  });

  it("retries 429 and 5xx answers without reordering or duplicating a chat's messages", async () => {
    h.amo.failNext(2, 429, "amojo");
    h.amo.failNext(2, 502, "amojo");
    h.amo.failNext(1, 500, "v4");
    say("telegram:301", 5);
    await until(() => texts("telegram:301").length === 5, "all five", 30_000);
    expect(texts("telegram:301")).toEqual(expected("telegram:301", 5));
    const sends = h.amo.calls.filter((c) => c.api === "amojo" && c.path.endsWith(h.amo.scopeId) && c.status === 200);
    const ids = sends.map((c) => JSON.stringify(c.body)).filter((b) => b.includes("telegram:301-m"));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("stays within 7 requests per second under load", async () => {
    const start = h.amo.calls.length;
    for (let d = 0; d < 6; d++) say(`telegram:40${d}`, 3);
    for (let d = 0; d < 6; d++) await until(() => texts(`telegram:40${d}`).length === 3, `dialog ${d}`, 60_000);
    const window = h.amo.calls.slice(start);
    expect(busiestSecond(window)).toBeLessThanOrEqual(7 + JITTER_ALLOWANCE);
    expect(window.filter((c) => c.status === 429).length).toBeLessThanOrEqual(JITTER_ALLOWANCE);
    // Link calls of several dialogs went out together.
    const linkBodies = window
      .filter((c) => c.path === "/api/v4/contacts/chats")
      .map((c) => (Array.isArray(c.body) ? c.body.length : 0));
    expect(Math.max(...linkBodies)).toBeGreaterThan(1);
  });

  it("gives up on a call amoCRM rejects as malformed and moves on to the chat's next one", async () => {
    say("telegram:501", 1);
    await until(() => texts("telegram:501").length === 1, "the chat exists", 30_000);
    h.amo.failNext(1, 400, "amojo");
    h.core.clientSays("telegram:501", "telegram:501-m2", "отклонено");
    h.core.clientSays("telegram:501", "telegram:501-m3", "дошло");
    await until(() => texts("telegram:501").length === 2, "the chat moves on", 30_000);
    expect(texts("telegram:501")).toEqual(["telegram:501 сообщение 1", "дошло"]);
    const { rows } = await h.db.pool.query(
      "SELECT kind, last_error FROM amo_outbox WHERE chat_key = 'telegram:501' AND status = 'failed'",
    );
    expect(rows).toEqual([{ kind: "send_message", last_error: expect.stringContaining("400") }]);
  });

  it("fails a dialog's dependent calls when the call creating their prerequisite was rejected", async () => {
    h.amo.failNext(1, 400, "amojo");
    say("telegram:601", 2);
    await until(() => texts("telegram:601").length === 2, "messages still mirrored", 30_000);
    const { rows } = await h.db.pool.query(
      "SELECT kind FROM amo_outbox WHERE chat_key = 'telegram:601' AND status = 'failed' ORDER BY id",
    );
    expect(rows.map((r) => r.kind)).toEqual(["create_chat", "link_chat"]);
  });

  it("keeps each chat's order when amoCRM answers slowly", async () => {
    h.amo.state.delayMs = 400;
    try {
      say("telegram:701", 3);
      say("telegram:702", 3);
      await until(() => texts("telegram:701").length === 3 && texts("telegram:702").length === 3, "both chats", 60_000);
    } finally {
      h.amo.state.delayMs = 0;
    }
    expect(texts("telegram:701")).toEqual(expected("telegram:701", 3));
    expect(texts("telegram:702")).toEqual(expected("telegram:702", 3));
  });

  it("prunes sent rows after a day and failed ones after a week, never pending ones", async () => {
    const outbox = createOutbox(h.db.pool);
    await h.db.pool.query(
      `INSERT INTO amo_outbox (chat_key, kind, payload, status, done_at, next_attempt_at) VALUES
         ('telegram:801', 'send_message', '{}', 'done', now() - interval '2 days', now()),
         ('telegram:801', 'send_message', '{}', 'failed', now() - interval '2 days', now()),
         ('telegram:802', 'send_message', '{}', 'pending', NULL, now() + interval '1 hour')`,
    );
    expect(await outbox.prune(24, 24 * 7)).toBeGreaterThanOrEqual(1);
    const left = await h.db.pool.query(
      "SELECT status FROM amo_outbox WHERE chat_key IN ('telegram:801', 'telegram:802') ORDER BY id",
    );
    expect(left.rows.map((r) => r.status)).toEqual(["failed", "pending"]);
  });
});
