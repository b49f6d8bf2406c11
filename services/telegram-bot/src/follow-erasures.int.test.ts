// The erasure follower given an event it cannot read: logged at error level, counted, and the erasure after it applied.
import { createMetrics, eventPageSchema, runMigrations, type CoreClient } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createErasureFollower, type ErasedChat } from "./follow-erasures.js";
import { migrations } from "./migrations.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("tg_erasures");
  await runMigrations(db.pool, "telegram-bot", migrations);
});
afterAll(async () => db?.close());

const at = new Date().toISOString();
// As the core would serve it: an erasure whose data a newer core got wrong, then a readable one.
const served = {
  events: [
    { id: 1, dialogId: "telegram:5", type: "dialog.erased", data: { reason: "kept" }, at },
    { id: 2, dialogId: "telegram:6", type: "dialog.erased", data: {}, at },
    { id: 3, dialogId: "telegram:7", type: "message.in", data: { text: "без messageId" }, at },
  ],
  cursor: 3,
};

const core: Pick<CoreClient, "events"> = { events: async () => eventPageSchema.parse(served) };

describe("erasure follower", () => {
  it("logs and counts an event it cannot read, and applies the rest of the page", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const metrics = createMetrics("telegram-bot");
    const erased: ErasedChat[] = [];
    const follower = createErasureFollower({ pool: db.pool, core, logger, metrics, onErased: (e) => erased.push(e) });

    expect(await follower.once()).toBe(3);
    // Unknown data fields are no reason to reject: only the message without its id is unreadable.
    expect(erased.map((chat) => chat.chatId)).toEqual(["5", "6"]);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors.map((line) => [line.eventId, line.type])).toEqual([[3, "message.in"]]);
    expect(JSON.stringify(errors)).not.toContain("без messageId");
    expect(await metrics.text()).toMatch(/wewall_events_unreadable_total\{[^}]*type="message.in"[^}]*\} 1/);
    const cursor = await db.pool.query("SELECT value FROM tg_state WHERE key = 'event_cursor'");
    expect(cursor.rows).toEqual([{ value: "3" }]);
  });
});
