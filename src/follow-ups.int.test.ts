// The follow-up route on the real core: sent once in one statement, refused whenever the client is not to be written to.
import { asAdmin, expectEveryRouteGuarded } from "@wewall/test-support";
import { dialogEventSchema, eventWirePageSchema, type DialogEvent, type FollowUpRequest } from "@wewall/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

const SCHEDULER_TOKEN = "test-scheduler-token-0000000";
const TELEGRAM_TOKEN = "test-telegram-token-000000000";
const asScheduler = { authorization: `Bearer ${SCHEDULER_TOKEN}` };

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore({ SCHEDULER_SERVICE_TOKEN: SCHEDULER_TOKEN, TELEGRAM_SERVICE_TOKEN: TELEGRAM_TOKEN });
});
afterAll(async () => core?.close());

let counter = 0;
const followUp = (dialogId: string, body: Partial<FollowUpRequest> = {}, headers = asScheduler) => {
  counter += 1;
  const payload = { followUpId: `f${counter}`, kind: "reminder", text: "Напомню о себе", ...body };
  return core.service.app.inject({ method: "POST", url: `/v1/dialogs/${dialogId}/follow-ups`, headers, payload });
};

async function events(dialogId: string): Promise<DialogEvent[]> {
  const response = await core.service.app.inject({ headers: asAdmin, url: "/v1/events?after=0&limit=1000" });
  return eventWirePageSchema
    .parse(response.json())
    .events.filter((event) => event.dialogId === dialogId)
    .map((event) => dialogEventSchema.parse(event));
}
const lastEventId = async (dialogId: string) => (await events(dialogId)).at(-1)?.id ?? 0;

async function rows(sql: string, values: unknown[]) {
  return (await core.db.pool.query(sql, values)).rows;
}

describe("POST /v1/dialogs/:dialogId/follow-ups", () => {
  it("writes transcript, outbox and message.out at once, and only once per followUpId", async () => {
    const id = "test:fu-sent";
    await core.say(id, "хочу купить квартиру");
    const buttons = [[{ text: "Да", data: "more" }]];
    const body = { followUpId: "once", text: "Всё ещё ищете?", buttons, ifLastEventId: await lastEventId(id) };
    const first = await followUp(id, body);
    expect([first.statusCode, first.json()]).toEqual([
      200,
      { sent: true, duplicate: false, deliveryId: `fu:${id}:once` },
    ]);
    const again = await followUp(id, { ...body, ifLastEventId: 0 });
    expect([again.statusCode, again.json()]).toEqual([
      200,
      { sent: true, duplicate: true, deliveryId: `fu:${id}:once` },
    ]);

    expect(await rows("SELECT author, reply FROM outbox WHERE delivery_id = $1", [`fu:${id}:once`])).toEqual([
      { author: "bot", reply: { text: "Всё ещё ищете?", buttons } },
    ]);
    expect(
      await rows("SELECT author FROM transcript WHERE dialog_id = $1 AND text = $2", [id, "Всё ещё ищете?"]),
    ).toEqual([{ author: "bot" }]);
    const out = (await events(id)).filter((event) => event.type === "message.out").at(-1);
    expect(out?.data).toEqual({
      deliveryId: `fu:${id}:once`,
      author: "bot",
      text: "Всё ещё ищете?",
      buttons,
      followUp: { id: "once", kind: "reminder" },
    });
  });

  it("refuses while a manager owns the dialog, and after the client or anyone spoke since", async () => {
    const id = "test:fu-moved";
    await core.say(id, "хочу купить квартиру");
    const seen = await lastEventId(id);
    await core.say(id, "вторичка");
    const answer = await followUp(id, { ifLastEventId: seen });
    expect([answer.statusCode, answer.json()]).toEqual([409, { sent: false, reason: "client_wrote" }]);

    const now = await lastEventId(id);
    await core.service.app.inject({
      method: "POST",
      url: `/v1/dialogs/${id}/handoff`,
      headers: asAdmin,
      payload: { reason: "manager took over" },
    });
    expect((await followUp(id, { ifLastEventId: now })).json()).toEqual({ sent: false, reason: "manager" });
    await core.service.app.inject({ method: "POST", url: `/v1/dialogs/${id}/release`, headers: asAdmin, payload: {} });
    // Released: the owner changed (and the bot resumed) after what the scheduler saw.
    expect((await followUp(id, { ifLastEventId: now })).json()).toEqual({ sent: false, reason: "moved" });
    await expect.poll(async () => (await followUp(id, { ifLastEventId: await lastEventId(id) })).statusCode).toBe(200);
    expect(
      await rows("SELECT count(*)::int AS n FROM outbox WHERE dialog_id = $1 AND delivery_id LIKE 'fu:%'", [id]),
    ).toEqual([{ n: 1 }]);
  });

  it("refuses a client who blocked the bot, and one who asked not to be written to", async () => {
    const blocked = "test:fu-blocked";
    await core.say(blocked, "привет");
    await core.service.app.inject({
      method: "POST",
      url: `/v1/dialogs/${blocked}/blocked`,
      headers: asAdmin,
      payload: {},
    });
    expect((await followUp(blocked)).json()).toEqual({ sent: false, reason: "blocked" });
    expect((await events(blocked)).map((event) => event.type)).toContain("dialog.blocked");

    const stopped = "test:fu-stopped";
    await core.say(stopped, "хочу купить квартиру");
    const replies = await core.say(stopped, "Не пишите мне больше");
    expect(replies.map((reply) => reply.text)).toEqual([
      "Хорошо, больше не буду писать первым. Если понадоблюсь — просто напишите, я на связи.",
    ]);
    expect((await events(stopped)).map((event) => event.type)).toContain("followups.stopped");
    expect(await rows("SELECT followups_stopped, stage FROM dialogs WHERE id = $1", [stopped])).toEqual([
      { followups_stopped: true, stage: "slots" },
    ]);
    // For good: later turns do not lift it.
    await core.say(stopped, "вторичка");
    const answer = await followUp(stopped, { ifLastEventId: await lastEventId(stopped) });
    expect([answer.statusCode, answer.json()]).toEqual([409, { sent: false, reason: "unsubscribed" }]);
  });

  it("answers 404 for a dialog that does not exist, and 403 to a caller without the scope", async () => {
    expect((await followUp("test:fu-nobody")).statusCode).toBe(404);
    const denied = await followUp("test:fu-nobody", {}, { authorization: `Bearer ${TELEGRAM_TOKEN}` });
    expect(denied.statusCode).toBe(403);
    expect(await expectEveryRouteGuarded(core.service.app)).toBeGreaterThan(0);
  });
});
