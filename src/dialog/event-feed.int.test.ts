// A stopping core ends its waiting event-feed reads at once, so a connector's long poll never holds up the stop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { createEventFeed } from "./event-feed.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    "CREATE TABLE events (id bigserial PRIMARY KEY, dialog_id text, type text, data jsonb, at timestamptz DEFAULT now())",
  );
});
afterAll(async () => {
  await db?.close();
});

describe("event feed", () => {
  it("answers a waiting read as soon as it is closed, and later reads without waiting", async () => {
    const feed = createEventFeed(db.pool);
    const started = Date.now();
    const waiting = feed.poll(0, 10, 25_000);
    setTimeout(() => feed.close(), 100);
    expect(await waiting).toEqual([]);
    expect(await feed.poll(0, 10, 25_000)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
