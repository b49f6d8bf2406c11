// The mirror given an event it cannot read: logged at error level, counted, and the events around it still mirrored.
import { createCoreClient, createMetrics, runMigrations } from "@wewall/shared";
import {
  createTestDatabase,
  TEST_SERVICE_ENV,
  type TestDatabase,
  startFakeCore,
  type FakeCore,
} from "@wewall/test-support";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../migrations.js";
import { createOutbox, type OutboxCall } from "../outbox/create-outbox.js";
import { createDialogStore } from "../store/create-dialog-store.js";
import { createStateStore } from "../store/create-state-store.js";
import { createEventMirror } from "./create-event-mirror.js";

let db: TestDatabase;
let core: FakeCore;
beforeAll(async () => {
  db = await createTestDatabase("chatconn_mirror");
  await runMigrations(db.pool, "chat-connector", migrations);
  core = await startFakeCore({ token: TEST_SERVICE_ENV.CHAT_CONNECTOR_SERVICE_TOKEN });
});
afterAll(async () => {
  await core?.close();
  await db?.close();
});

describe("event mirror", () => {
  it("logs and counts an event it cannot read, and goes on with the rest of the page", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const metrics = createMetrics("chat-connector");
    const enqueued: OutboxCall[] = [];
    const outbox = createOutbox(db.pool);
    const state = createStateStore(db.pool);
    const mirror = createEventMirror({
      pool: db.pool,
      core: createCoreClient({ baseUrl: core.url, token: TEST_SERVICE_ENV.CHAT_CONNECTOR_SERVICE_TOKEN }),
      outbox: { ...outbox, enqueue: async (_db, calls) => void enqueued.push(...calls) },
      dialogs: createDialogStore(db.pool),
      state,
      config: { stageMap: {}, leadFields: {} },
      logger,
      metrics,
    });

    core.clientSays("telegram:9", "m1", "Здравствуйте");
    core.emit("telegram:9", "owner.changed", { owner: "robot", reason: "renamed by mistake" });
    core.botSays("telegram:9", "Чем помочь?");
    expect(await mirror.once()).toBe(3);

    const sent = enqueued.filter((call) => call.kind === "send_message").map((call) => call.payload.msgid);
    expect(sent).toEqual(["in:telegram:9:m1", "out:telegram:9:bot-1"]);
    expect(await state.get("event_cursor")).toBe("3");
    const errors = lines.filter((line) => line.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ eventId: 2, type: "owner.changed", problems: [expect.stringMatching(/owner/)] });
    expect(await metrics.text()).toMatch(/wewall_events_unreadable_total\{[^}]*type="owner.changed"[^}]*\} 1/);
  });
});
