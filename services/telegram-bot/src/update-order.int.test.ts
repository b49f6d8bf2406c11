// One chat's updates reach the core in update_id order even when the earlier one's insert commits well after the
// later one's (parallel webhook connections, a slow statement).
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, expect, it } from "vitest";
import { postUpdate, waitFor } from "./testing/harness.js";
import { startTestBed, type TestBed } from "./testing/start-test-bed.js";
import { textUpdate } from "./testing/updates.js";

const SLOW_UPDATE = 900;
let db: TestDatabase;
let bed: TestBed;

beforeAll(async () => {
  db = await createTestDatabase();
  const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(db.pool, {
    query: async (...args: unknown[]) => {
      const [first, second] = args;
      const values = JSON.stringify((first as { values?: unknown } | undefined)?.values ?? second ?? "");
      // The statement storing this update takes far longer than the reorder window.
      if (values.includes(`\\"update_id\\":${SLOW_UPDATE},`)) await new Promise((resolve) => setTimeout(resolve, 150));
      return query(...args);
    },
  });
  bed = await startTestBed({ db });
});
afterAll(async () => {
  await bed?.close();
  await db?.close();
});

it("passes one chat's updates to the core in update_id order when the earlier one is stored last", async () => {
  const first = postUpdate(bed.harness.url, textUpdate(SLOW_UPDATE, 801, "раз"));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const second = postUpdate(bed.harness.url, textUpdate(SLOW_UPDATE + 1, 801, "два"));
  expect(await Promise.all([first, second])).toEqual([200, 200]);
  const texts = () => bed.core.messages.filter((m) => m.dialogId === "telegram:801").map((m) => m.message.text);
  await waitFor(() => texts().length === 2, 10_000, "both updates at the core");
  expect(texts()).toEqual(["раз", "два"]);
});
