// The scheduler against the real core on a fake clock: each rung, quiet hours, every cancellation, a restart between
// due and sent, two replicas.
import { expectEveryRouteGuarded } from "@wewall/test-support";
import type { CoreClient, Reply } from "@wewall/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SchedulerService } from "./service.js";
import { startSchedulerBed, type SchedulerBed } from "./testing/start-scheduler-bed.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let bed: SchedulerBed;
let scheduler: SchedulerService;
beforeAll(async () => {
  bed = await startSchedulerBed();
  scheduler = await bed.startScheduler();
}, 120_000);
afterAll(async () => bed?.close());
// Each test starts on a Tuesday noon in Moscow with nothing waiting from the one before.
beforeEach(async () => {
  await drain();
  await bed.db.pool.query(
    "UPDATE scheduler_follow_ups SET status = 'cancelled', cause = 'test' WHERE status = 'pending'",
  );
  bed.clock.now = new Date("2025-03-04T09:00:00Z");
});

async function drain(service = scheduler): Promise<void> {
  for (let pages = 0; pages < 20; pages += 1) if ((await service.planner.once()) === 0) return;
}

async function waiting(dialogId: string) {
  const { rows } = await bed.db.pool.query<{ kind: string; due_at: Date }>(
    "SELECT kind, due_at FROM scheduler_follow_ups WHERE dialog_id = $1 AND status = 'pending'",
    [dialogId],
  );
  return rows;
}

async function settled(dialogId: string) {
  const { rows } = await bed.db.pool.query<{ status: string; cause: string | null }>(
    "SELECT status, cause FROM scheduler_follow_ups WHERE dialog_id = $1 AND status <> 'pending' AND cause IS DISTINCT FROM 'test' ORDER BY id",
    [dialogId],
  );
  return rows;
}

async function sentToClient(dialogId: string): Promise<Reply[]> {
  const { rows } = await bed.db.pool.query<{ reply: Reply }>(
    "SELECT reply FROM outbox WHERE dialog_id = $1 AND delivery_id LIKE 'fu:%' ORDER BY id",
    [dialogId],
  );
  return rows.map((row) => row.reply);
}

async function metric(name: string): Promise<string[]> {
  const text = await scheduler.app.inject({
    url: "/metrics",
    headers: { authorization: "Bearer test-admin-token-000000000000" },
  });
  return text.body.split("\n").filter((line) => line.startsWith(name));
}

/** A dialog where the bot asked a question (how many rooms) and the client went silent. */
async function silentAtQuestion(dialogId: string): Promise<Reply[]> {
  const replies = await bed.say(dialogId, "хочу купить квартиру");
  await drain();
  return replies;
}

/** A dialog shown listings, asked for a phone, silent. */
async function silentAfterResults(dialogId: string): Promise<void> {
  await bed.say(dialogId, "привет");
  await bed.say(dialogId, "ищу двушку у Таганской до 15 млн, метров 50");
  await bed.say(dialogId, "10 минут");
  await bed.say(dialogId, "да");
  await drain();
}

describe("follow-ups", () => {
  it("reminds of the open question after 2 h with its buttons, offers a call a day later, and stops there", async () => {
    const id = "test:rung-question";
    const replies = await silentAtQuestion(id);
    const question = replies.at(-1);
    expect(await waiting(id)).toEqual([{ kind: "reminder", due_at: new Date(bed.clock.now.getTime() + 2 * HOUR) }]);

    bed.clock.advance(2 * HOUR - MINUTE);
    expect(await scheduler.sender.once()).toBe(0);
    bed.clock.advance(2 * MINUTE);
    expect(await scheduler.sender.once()).toBe(1);
    const [reminder] = await sentToClient(id);
    expect(reminder?.text).toContain(question?.text);
    expect(reminder?.buttons).toEqual(question?.buttons);

    await drain();
    expect((await waiting(id)).map((row) => row.kind)).toEqual(["call-offer"]);
    bed.clock.advance(24 * HOUR);
    expect(await scheduler.sender.once()).toBe(1);
    expect((await sentToClient(id)).at(-1)?.buttons).toEqual([[{ text: "📞 Позвоните мне", data: "contact:call" }]]);
    await drain();
    expect(await waiting(id)).toEqual([]);
    expect(await settled(id)).toEqual([
      { status: "sent", cause: null },
      { status: "sent", cause: null },
    ]);
  });

  it("offers unseen listings a day after results; a client who answers within 24 h is counted", async () => {
    const id = "test:rung-results";
    await silentAfterResults(id);
    expect((await waiting(id)).map((row) => row.kind)).toEqual(["new-listings"]);
    bed.clock.advance(24 * HOUR + MINUTE);
    expect(await scheduler.sender.once()).toBe(1);
    expect((await sentToClient(id))[0]?.buttons?.[0]?.map((button) => button.data)).toEqual(["more", "contact:call"]);
    await drain();
    const answeredBefore = await metric("wewall_followups_answered_total");
    bed.clock.advance(3 * HOUR);
    const more = await bed.say(id, "➡️ Показать варианты", "more");
    expect(more.length).toBeGreaterThan(0);
    await drain();
    expect(await metric("wewall_followups_answered_total")).not.toEqual(answeredBefore);
    expect(await metric('wewall_followups_sent_total{kind="new-listings"')).toHaveLength(1);
  });

  it("waits out the quiet hours: due at night, sent at 10:00 Moscow time", async () => {
    const id = "test:quiet";
    bed.clock.now = new Date("2025-03-04T17:00:00Z"); // 20:00 in Moscow: the reminder would be due at 22:00
    await silentAtQuestion(id);
    expect(await waiting(id)).toEqual([{ kind: "reminder", due_at: new Date("2025-03-05T07:00:00Z") }]);
    bed.clock.now = new Date("2025-03-04T20:30:00Z"); // 23:30
    expect(await scheduler.sender.once()).toBe(0);
    bed.clock.now = new Date("2025-03-05T07:01:00Z"); // 10:01 next day
    expect(await scheduler.sender.once()).toBe(1);
    expect(await sentToClient(id)).toHaveLength(1);

    // Due in the evening, found only after 21:00 (the scheduler was down): it waits for the morning too.
    const late = "test:quiet-late";
    bed.clock.now = new Date("2025-03-05T15:30:00Z"); // 18:30, due 20:30
    await silentAtQuestion(late);
    bed.clock.now = new Date("2025-03-05T18:10:00Z"); // 21:10
    expect(await scheduler.sender.once()).toBe(1);
    expect(await sentToClient(late)).toEqual([]);
    expect(await waiting(late)).toEqual([{ kind: "reminder", due_at: new Date("2025-03-06T07:00:00Z") }]);
  });

  it("cancels at once on a client message, a manager, a lead, a block, «не пишите мне» and erasure", async () => {
    const ids = ["client", "manager", "blocked", "stopped", "erased"].map((cause) => `test:cancel-${cause}`);
    for (const id of ids) await silentAtQuestion(id);
    await bed.say("test:cancel-client", "вторичка");
    await bed.call("POST", "/v1/dialogs/test:cancel-manager/handoff", { reason: "manager took over" });
    await bed.call("POST", "/v1/dialogs/test:cancel-blocked/blocked");
    await bed.say("test:cancel-stopped", "Не пишите мне");
    await bed.call("DELETE", "/v1/dialogs/test:cancel-erased");
    const lead = "test:cancel-lead";
    await silentAfterResults(lead);
    await bed.say(lead, "8 (916) 123-45-67");
    await bed.say(lead, "Иван");
    await bed.say(lead, "да");
    // The erasure leaves a gap in the feed's ids, served once it settles.
    await expect
      .poll(
        async () =>
          (await drain(),
          bed.db.pool.query("SELECT 1 FROM scheduler_dialogs WHERE dialog_id = $1", ["test:cancel-erased"])).then(
            (r) => r.rowCount,
          ),
        { timeout: 15_000 },
      )
      .toBe(0);
    expect(await settled("test:cancel-client")).toEqual([{ status: "cancelled", cause: "client_message" }]);
    // The client answered: the ladder starts again from the bot's next question.
    expect((await waiting("test:cancel-client")).map((row) => row.kind)).toEqual(["reminder"]);
    expect(await settled("test:cancel-manager")).toEqual([{ status: "cancelled", cause: "manager" }]);
    expect(await settled("test:cancel-blocked")).toEqual([{ status: "cancelled", cause: "blocked" }]);
    expect(await settled("test:cancel-stopped")).toEqual([{ status: "cancelled", cause: "stopped" }]);
    expect((await settled(lead)).at(-1)).toEqual({ status: "cancelled", cause: "lead_created" });
    for (const id of ["test:cancel-manager", "test:cancel-blocked", "test:cancel-stopped", lead, "test:cancel-erased"])
      expect(await waiting(id), id).toEqual([]);
    bed.clock.advance(30 * 24 * HOUR);
    await scheduler.sender.once();
    // Only the dialog the client answered has a follow-up again (the bot asked anew).
    for (const id of [...ids.slice(1), lead]) expect(await sentToClient(id), id).toEqual([]);
    expect(await sentToClient("test:cancel-client")).toHaveLength(1);
    expect(await metric('wewall_followups_cancelled_total{cause="erased"')).toHaveLength(1);
  }, 60_000);

  it("a due follow-up racing each cause is refused by the core, whatever the scheduler had not read yet", async () => {
    const causes = {
      client: "client_message",
      manager: "manager",
      blocked: "blocked",
      stopped: "stopped",
      erased: "erased",
    };
    for (const name of Object.keys(causes)) await silentAtQuestion(`test:race-${name}`);
    await bed.say("test:race-client", "вторичка");
    await bed.call("POST", "/v1/dialogs/test:race-manager/handoff", {});
    await bed.call("POST", "/v1/dialogs/test:race-blocked/blocked");
    await bed.say("test:race-stopped", "отпишись");
    await bed.call("DELETE", "/v1/dialogs/test:race-erased");
    bed.clock.advance(3 * HOUR);
    // The sender runs before the planner has read any of it.
    expect(await scheduler.sender.once()).toBe(5);
    for (const [name, cause] of Object.entries(causes)) {
      expect(await settled(`test:race-${name}`), name).toEqual([{ status: "cancelled", cause }]);
      expect(await sentToClient(`test:race-${name}`), name).toEqual([]);
    }
  });

  it("a restart between due and sent loses nothing and sends nothing twice", async () => {
    const sentThenCrashed = "test:restart-after";
    const crashedBefore = "test:restart-before";
    await silentAtQuestion(sentThenCrashed);
    await silentAtQuestion(crashedBefore);
    const never = new Promise<never>(() => undefined);
    // The first process dies: for one dialog after the core sent the follow-up, for the other before it asked.
    const dying: Pick<CoreClient, "followUp"> = {
      async followUp(dialogId, request) {
        if (dialogId === sentThenCrashed) await core.followUp(dialogId, request);
        return never;
      },
    };
    const core = scheduler.core;
    const first = await bed.startScheduler({ core: { ...core, ...dying } });
    bed.clock.advance(2 * HOUR + MINUTE);
    void first.sender.once();
    await expect.poll(async () => (await sentToClient(sentThenCrashed)).length).toBe(1);

    const second = await bed.startScheduler();
    expect(await second.sender.once()).toBe(0); // still leased to the dead one
    bed.clock.advance(2 * MINUTE);
    expect(await second.sender.once()).toBe(2);
    expect(await sentToClient(sentThenCrashed)).toHaveLength(1);
    expect(await sentToClient(crashedBefore)).toHaveLength(1);
    expect(await settled(sentThenCrashed)).toEqual([{ status: "sent", cause: null }]);
  });

  it("two replicas never send the same follow-up", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `test:replica-${i}`);
    for (const id of ids) await bed.say(id, "хочу купить квартиру");
    const asked: string[] = [];
    const counting = (): CoreClient => ({
      ...scheduler.core,
      async followUp(dialogId, request) {
        asked.push(request.followUpId);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return scheduler.core.followUp(dialogId, request);
      },
    });
    const env = { SCHEDULER_BATCH: "3" };
    const [a, b] = [
      await bed.startScheduler({ core: counting(), env }),
      await bed.startScheduler({ core: counting(), env }),
    ];
    await Promise.all([drain(a), drain(b)]);
    bed.clock.advance(2 * HOUR + MINUTE);
    while ((await Promise.all([a.sender.once(), b.sender.once()])).some((claimed) => claimed > 0));
    expect(asked).toHaveLength(ids.length);
    expect(new Set(asked).size).toBe(ids.length);
    for (const id of ids) expect(await sentToClient(id), id).toHaveLength(1);
  });

  it("refuses every route without a credential, as the core's follow-up route does", async () => {
    expect(await expectEveryRouteGuarded(scheduler.app)).toBeGreaterThan(0);
    const response = await fetch(`${bed.core.url}/v1/dialogs/test:x/follow-ups`, { method: "POST" });
    expect(response.status).toBe(401);
  });
});
