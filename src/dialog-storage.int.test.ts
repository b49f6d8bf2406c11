// Storage stays linear: old checkpoints are pruned, the transcript keeps everything; the API documents itself.
import { asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUYER_SCRIPT } from "./bench/buyer-script.js";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore({ CHECKPOINTS_KEPT: "2" });
});
afterAll(async () => core?.close());

describe("storage", () => {
  it("keeps a bounded checkpoint history per dialog while the transcript keeps every message", async () => {
    const id = "test:long";
    for (let i = 0; i < 40; i += 1) await core.say(id, BUYER_SCRIPT[i % BUYER_SCRIPT.length] ?? "");
    const checkpoints = await core.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM checkpoints WHERE thread_id = $1",
      [id],
    );
    expect(checkpoints.rows[0]?.n).toBe(2);
    const orphans = await core.db.pool.query(
      `SELECT 1 FROM checkpoint_blobs b WHERE b.thread_id = $1 AND NOT EXISTS (
         SELECT 1 FROM checkpoints c, jsonb_each_text(c.checkpoint -> 'channel_versions') v
         WHERE c.thread_id = b.thread_id AND v.key = b.channel AND v.value = b.version)`,
      [id],
    );
    expect(orphans.rowCount).toBe(0);
    const transcript = await core.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM transcript WHERE dialog_id = $1 AND author = 'client'",
      [id],
    );
    expect(transcript.rows[0]?.n).toBe(40);
    const view = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view.slots.rooms).toBe(2);
  });

  it("serves its OpenAPI description at /docs", async () => {
    const spec = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: "/docs/json" })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/v1/dialogs/{dialogId}/messages",
        "/v1/events",
        "/v1/dialogs/{dialogId}/operator-messages",
      ]),
    );
  });
});
