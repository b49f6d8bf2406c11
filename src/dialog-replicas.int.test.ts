// Two core processes' worth of engines on one database, coordinated by Redis: one turn at a time, nothing doubled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAdmin, createTestDatabase, redisServer, type TestDatabase } from "@wewall/test-support";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

describe.skipIf(!redisServer)("replicas sharing Redis", () => {
  let db: TestDatabase;
  let first: TestCore;
  let second: TestCore;
  beforeAll(async () => {
    db = await createTestDatabase("wewall_replicas");
    const env = { REDIS_URL: "redis://127.0.0.1:6379", BURST_WINDOW_MS: "20" };
    first = await startTestCore(env, db);
    second = await startTestCore(env, db);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await db?.close();
  });

  it("serialises turns of one dialog across replicas and answers every message once", async () => {
    const id = `test:replica${Date.now()}`;
    const texts = ["хочу купить квартиру", "двушку", "60 м2", "до 20 млн", "у Курской", "10 минут"];
    await Promise.all(
      texts.map((text, i) =>
        (i % 2 === 0 ? first : second).service.app.inject({
          headers: asAdmin,
          method: "POST",
          url: `/v1/dialogs/${id}/messages`,
          payload: { messageId: `m${i}`, text },
        }),
      ),
    );
    await expect
      .poll(
        async () =>
          (await db.pool.query("SELECT 1 FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL", [id])).rowCount,
        {
          timeout: 10_000,
        },
      )
      .toBe(0);
    const view = (await first.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view.slots).toMatchObject({
      intent: "search",
      rooms: 2,
      area: 60,
      budget: 20_000_000,
      metro: "Курская",
      walkMinutes: 10,
    });
    const turns = await db.pool.query<{ turns: number }>("SELECT turns FROM dialogs WHERE id = $1", [id]);
    const outbox = await db.pool.query("SELECT delivery_id FROM outbox WHERE dialog_id = $1", [id]);
    expect(outbox.rowCount).toBeLessThanOrEqual(turns.rows[0]?.turns ?? 0);
    const checkpoints = await db.pool.query("SELECT count(*)::int AS n FROM checkpoints WHERE thread_id = $1", [id]);
    expect(checkpoints.rows[0]?.n).toBe(turns.rows[0]?.turns);
  });

  it("answers ?wait=true on one replica when another replica took the turn", async () => {
    const id = `test:crossreplica${Date.now()}`;
    const { inboxId } = await first.service.engine.accept(id, { messageId: "x1", text: "привет" });
    expect(inboxId).not.toBeNull();
    const replies = await second.service.engine.waitForReplies(inboxId ?? 0, 10_000);
    expect(replies?.[0]?.text).toMatch(/Здравствуйте/);
  });
});
