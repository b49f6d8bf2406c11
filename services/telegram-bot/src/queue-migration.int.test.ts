// A database made before the queue vocabulary migrates with its rows, and the next start takes the pending ones over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { createInboxStore } from "./inbox-store.js";
import { migrations } from "./migrations.js";
import { createOutboxStore } from "./outbox-store.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("tg_queue");
});
afterAll(async () => {
  await db?.close();
});

describe("004_queue_vocabulary", () => {
  it("keeps pending and finished rows of the old columns, and the pending ones are claimed after it", async () => {
    const before = migrations.findIndex((migration) => migration.id === "004_queue_vocabulary");
    await runMigrations(db.pool, "telegram-bot", migrations.slice(0, before));
    await db.pool.query(`
      INSERT INTO tg_updates (update_id, chat_id, payload, status, attempts, error) VALUES
        (1, '7', '{"update_id": 1}', 'pending', 2, 'core down'),
        (2, '7', '{"update_id": 2}', 'done', 0, NULL);
      INSERT INTO tg_deliveries (delivery_id, dialog_id, chat_id, reply, status, sent_ids, attempt_part) VALUES
        ('d1', 'telegram:7', '7', '{"text": "раз"}', 'pending', '[[10]]', 1),
        ('d2', 'telegram:7', '7', '{"text": "два"}', 'sent', '[[11]]', NULL);`);
    await runMigrations(db.pool, "telegram-bot", migrations);

    expect((await createInboxStore(db.pool).pending()).map((stored) => stored.updateId)).toEqual([1]);
    const deliveries = await createOutboxStore(db.pool).pending();
    expect(deliveries.map((d) => [d.deliveryId, d.sentIds, d.attemptPart])).toEqual([["d1", [[10]], 1]]);
    const { rows } = await db.pool.query("SELECT attempts, last_error FROM tg_updates WHERE update_id = 1");
    expect(rows[0]).toEqual({ attempts: 3, last_error: "core down" });
  });
});
