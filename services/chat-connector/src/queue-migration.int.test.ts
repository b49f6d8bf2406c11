// A database made before the queue vocabulary migrates with its rows, and they are claimed as before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { migrations } from "./migrations.js";
import { createOutbox } from "./outbox/create-outbox.js";
import { createInbox } from "./store/create-inbox.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("chatconn_queue");
});
afterAll(async () => {
  await db?.close();
});

describe("006_queue_vocabulary", () => {
  it("keeps pending, leased and finished rows of the old columns, and they are claimable after it", async () => {
    const before = migrations.findIndex((migration) => migration.id === "006_queue_vocabulary");
    await runMigrations(db.pool, "chat-connector", migrations.slice(0, before));
    await db.pool.query(`
      INSERT INTO amo_outbox (chat_key, kind, payload, state, attempts, leased_until) VALUES
        ('telegram:1', 'send_message', '{"n":1}', 'pending', 2, now() - interval '1 minute'),
        ('telegram:1', 'send_message', '{"n":2}', 'pending', 0, NULL),
        ('telegram:2', 'send_message', '{"n":3}', 'done', 1, NULL);
      INSERT INTO amo_inbox (source, dedup_key, dialog_id, payload, state, next_at) VALUES
        ('chats', 'k1', 'telegram:1', '{}', 'pending', now() - interval '1 second'),
        ('chats', 'k2', 'telegram:2', '{}', 'failed', now());`);
    await runMigrations(db.pool, "chat-connector", migrations);

    const outbox = createOutbox(db.pool);
    const heads = await outbox.claimHeads(10, 60_000);
    expect(heads.map((row) => [row.payload.n, row.attempts])).toEqual([[1, 3]]);
    await outbox.complete([heads[0]?.id ?? 0]);
    expect((await outbox.claimHeads(10, 60_000)).map((row) => row.payload.n)).toEqual([2]);

    const inbox = createInbox(db.pool);
    expect((await inbox.claim(10, 60_000)).map((row) => row.dialogId)).toEqual(["telegram:1"]);
  });
});
