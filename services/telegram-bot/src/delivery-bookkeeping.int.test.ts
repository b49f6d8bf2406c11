// The send path when a bookkeeping write fails once (the database restarting): nothing overtakes, nothing is doubled.
import { createTestDatabase, type TestDatabase, asCore, postJson } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "./testing/harness.js";
import { startTestBed, type TestBed } from "./testing/start-test-bed.js";

let db: TestDatabase;
let bed: TestBed;
const failing = { statement: "", times: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(db.pool, {
    query: (...args: unknown[]) => {
      const [first] = args;
      const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
      if (failing.times > 0 && text.includes(failing.statement)) {
        failing.times -= 1;
        return Promise.reject(new Error("Connection terminated unexpectedly"));
      }
      return query(...args);
    },
  });
  bed = await startTestBed({ db, connectCore: false });
});
afterAll(async () => {
  await bed?.close();
  await db?.close();
});

async function push(deliveryId: string, chatId: number, text: string) {
  const response = await postJson(
    `${bed.harness.url}/v1/deliveries`,
    {
      deliveryId,
      dialogId: `telegram:${chatId}`,
      channel: "telegram",
      chatId: String(chatId),
      author: "bot",
      reply: { text },
      createdAt: new Date().toISOString(),
    },
    asCore,
  );
  expect(response.status).toBe(200);
}

async function rowsOf(chatId: number) {
  const rows = await db.pool.query<{ delivery_id: string; status: string }>(
    "SELECT delivery_id, status FROM tg_deliveries WHERE chat_id = $1 ORDER BY seq",
    [String(chatId)],
  );
  return rows.rows;
}

describe("delivery bookkeeping", () => {
  it("retries a failed attempt record in place: the chat's next reply does not overtake it", async () => {
    Object.assign(failing, { statement: "SET attempt_part", times: 2 });
    await push("A", 501, "первый ответ");
    await push("B", 501, "второй ответ");
    await expect.poll(() => bed.telegram.sentTo(501).length, { timeout: 10_000 }).toBe(2);
    expect(bed.telegram.sentTo(501).map((message) => message.text)).toEqual(["первый ответ", "второй ответ"]);
    await expect
      .poll(() => rowsOf(501))
      .toEqual([
        { delivery_id: "A", status: "sent" },
        { delivery_id: "B", status: "sent" },
      ]);
  });

  it("records a sent part whose first record failed, so a restart does not send it again", async () => {
    Object.assign(failing, { statement: "SET sent_ids", times: 2 });
    await push("C", 502, "только один раз");
    await expect.poll(() => rowsOf(502), { timeout: 10_000 }).toEqual([{ delivery_id: "C", status: "sent" }]);
    await bed.harness.close();
    bed.harness = await startHarness({ db, apiRoot: bed.telegram.apiRoot, coreUrl: bed.core.url });
    await bed.harness.service.idle();
    expect(bed.telegram.sentTo(502).map((message) => message.text)).toEqual(["только один раз"]);
  });
});
