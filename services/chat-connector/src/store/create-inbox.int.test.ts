// The webhook store on real PostgreSQL: concurrent webhooks share statements and each gets its own outcome.
import { runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../migrations.js";
import { createDialogStore, newDialogLink } from "./create-dialog-store.js";
import { createInbox } from "./create-inbox.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("chatconn_inbox");
  await runMigrations(db.pool, "chat-connector", migrations);
  const dialogs = createDialogStore(db.pool);
  for (const dialogId of ["telegram:1", "telegram:2"]) await dialogs.save(newDialogLink(dialogId));
});
afterAll(async () => {
  await db?.close();
});

const payload = (id: string) => JSON.stringify({ message: { message: { id, text: "текст" } } });

describe("inbox.addForDialog", () => {
  it("stores concurrent webhooks with one outcome each: stored, duplicate (in the batch or earlier), unknown dialog", async () => {
    const inbox = createInbox(db.pool);
    expect(await inbox.addForDialog("chat", "m0", "telegram:1", payload("m0"))).toBe("stored");
    const outcomes = await Promise.all([
      inbox.addForDialog("chat", "m1", "telegram:1", payload("m1")),
      inbox.addForDialog("chat", "m2", "telegram:2", payload("m2")),
      inbox.addForDialog("chat", "m0", "telegram:1", payload("m0")),
      inbox.addForDialog("chat", "m3", "telegram:9", payload("m3")),
      inbox.addForDialog("chat", "m2", "telegram:2", payload("m2")),
      inbox.addForDialog("chat", "m4", "telegram:1", payload("m4")),
    ]);
    expect(outcomes).toEqual(["stored", "stored", "duplicate", "unknown_dialog", "duplicate", "stored"]);
    const { rows } = await db.pool.query("SELECT dedup_key, dialog_id, payload FROM amo_inbox ORDER BY id");
    expect(rows.map((r) => [r.dedup_key, r.dialog_id])).toEqual([
      ["m0", "telegram:1"],
      ["m1", "telegram:1"],
      ["m2", "telegram:2"],
      ["m4", "telegram:1"],
    ]);
    expect(rows[1]?.payload).toEqual({ message: { message: { id: "m1", text: "текст" } } });
  });

  it("answers a webhook PostgreSQL cannot store with an error without failing those stored with it", async () => {
    const inbox = createInbox(db.pool);
    const results = await Promise.allSettled([
      inbox.addForDialog("chat", "n1", "telegram:1", payload("n1")),
      inbox.addForDialog("chat", "n2", "telegram:1", payload("n2")),
      // A NUL escape is valid JSON but not valid jsonb.
      inbox.addForDialog("chat", "n3", "telegram:1", '{"text":"\\u0000"}'),
      inbox.addForDialog("chat", "n4", "telegram:2", payload("n4")),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "error"))).toEqual([
      "stored",
      "stored",
      "error",
      "stored",
    ]);
  });

  it("stores the same way with the non-durable acknowledgement", async () => {
    const inbox = createInbox(db.pool, { durableAck: false });
    expect(await inbox.addForDialog("chat", "f1", "telegram:2", payload("f1"))).toBe("stored");
    expect(await inbox.addForDialog("chat", "f1", "telegram:2", payload("f1"))).toBe("duplicate");
  });
});
