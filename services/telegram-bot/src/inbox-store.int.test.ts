// The inbox against PostgreSQL: one statement per batch, redeliveries deduplicated, a bad row failing alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { createInboxStore, type InboxStore } from "./inbox-store.js";
import { migrations } from "./migrations.js";
import { textUpdate } from "./testing/updates.js";

let db: TestDatabase;
let inbox: InboxStore;

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, "telegram-bot", migrations);
  inbox = createInboxStore(db.pool);
});

afterAll(() => db?.close());

const storedIds = async () =>
  (await db.pool.query<{ update_id: number }>("SELECT update_id FROM tg_updates ORDER BY update_id")).rows.map(
    (row) => row.update_id,
  );

describe("inbox store", () => {
  it("stores the text it is given, and an update sent twice in one batch once", async () => {
    const update = textUpdate(1, 55, "привет");
    const json = JSON.stringify(update);
    const [first, again] = await Promise.all([inbox.store(update, json), inbox.store(update, json)]);
    expect(first).toEqual({ updateId: 1, chatId: "55", update });
    expect(again).toBeNull();
    expect(await inbox.store(update)).toBeNull();
    const row = await db.pool.query("SELECT chat_id, payload, status FROM tg_updates WHERE update_id = 1");
    expect(row.rows).toEqual([{ chat_id: "55", payload: update, status: "pending" }]);
  });

  it("fails only the update PostgreSQL cannot store, not the others of its batch", async () => {
    const results = await Promise.allSettled([
      inbox.store(textUpdate(2, 55, "до")),
      inbox.store(textUpdate(3, 55, "a\u0000b")),
      inbox.store(textUpdate(4, 55, "после")),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await storedIds()).toEqual([1, 2, 4]);
  });

  it("writes the done marks it collected in one go, and leaves the other updates pending", async () => {
    inbox.markDone(1);
    inbox.markDone(4);
    await inbox.flush();
    // The rows are this store's (leased when stored): the next process gets what is pending once they are given back.
    expect(await inbox.pending()).toEqual([]);
    await inbox.releaseLeases();
    expect((await createInboxStore(db.pool).pending()).map((stored) => stored.updateId)).toEqual([2]);
  });

  it("lets another process take over a pending update only when its lease has ended", async () => {
    await inbox.store(textUpdate(5, 7, "пять"));
    const next = createInboxStore(db.pool);
    expect(await next.pending()).toEqual([]);
    await db.pool.query("UPDATE tg_updates SET lease_until = now() - interval '1 second' WHERE update_id = 5");
    expect((await next.pending()).map((stored) => stored.updateId)).toEqual([5]);
    expect(await next.pending()).toEqual([]);
  });
});
