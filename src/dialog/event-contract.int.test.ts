// Every producer of the event feed, TypeScript and SQL, against the event union: a renamed field fails here.
import { asAdmin } from "@wewall/test-support";
import {
  dialogEventSchema,
  eventDataSchemas,
  eventPageSchema,
  eventTypeSchema,
  eventWirePageSchema,
  type DialogEvent,
  type EventData,
  type EventEnvelope,
  type EventType,
} from "@wewall/shared";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.close());

const post = async (url: string, payload: object = {}) => {
  const response = await core.service.app.inject({ headers: asAdmin, method: "POST", url, payload });
  if (response.statusCode >= 300) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
};

async function feed(): Promise<EventEnvelope[]> {
  const response = await core.service.app.inject({
    headers: asAdmin,
    method: "GET",
    url: "/v1/events?after=0&limit=1000",
  });
  expect(response.statusCode).toBe(200);
  return eventWirePageSchema.parse(response.json()).events;
}

const deliveryOf = (events: readonly DialogEvent[], author: "bot" | "manager") => {
  const found = events.find((event) => event.type === "message.out" && event.data.author === author);
  if (found?.type !== "message.out") throw new Error(`no ${author} message in the feed`);
  return found.data.deliveryId;
};

describe("the event feed", () => {
  it("holds only events the union reads whole, of every type, from every producer", async () => {
    // Turns: message.in and .out, stage and slots changes, the lead, and a handoff the client asks for.
    const id = "test:contract";
    await core.say(id, "привет");
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    await core.say(id, "10 минут");
    await core.say(id, "да");
    await core.say(id, "8 (916) 123-45-67");
    await core.say(id, "Иван");
    await core.say(id, "да");
    const asked = "test:contract-handoff";
    await core.say(asked, "позовите менеджера", {
      user: { id: "7", name: "Ира", username: "ira", phone: "+79990001122" },
    });
    // Owner changes by route, and a manager's message (owner and message events written by one statement).
    await post(`/v1/dialogs/${asked}/release`, { reason: "back to the bot" });
    await post(`/v1/dialogs/${id}/handoff`, { reason: "manager took over" });
    await post(`/v1/dialogs/${id}/operator-messages`, { messageId: "amo-1", text: "Я Анна", operator: "Анна" });
    // Delivery reports: the statement adds the author and, for a manager's message, its messageId.
    const written = (await feed()).map((event) => dialogEventSchema.parse(event));
    await post(`/v1/deliveries/${encodeURIComponent(deliveryOf(written, "manager"))}/status`, {
      status: "delivered",
      channelMessageId: "555",
    });
    await post(`/v1/deliveries/${encodeURIComponent(deliveryOf(written, "bot"))}/status`, {
      status: "failed",
      errorCode: "903",
      error: "blocked",
    });
    // A follow-up (message.out with its followUp), a client asking for silence, a block.
    const followed = "test:contract-followed";
    await core.say(followed, "привет");
    await post(`/v1/dialogs/${followed}/follow-ups`, { followUpId: "c1", kind: "reminder", text: "Напомню о себе" });
    await core.say(followed, "не пишите мне");
    await post(`/v1/dialogs/${followed}/blocked`);
    const erased = "test:contract-erased";
    await core.say(erased, "привет");
    expect(
      (await core.service.app.inject({ headers: asAdmin, method: "DELETE", url: `/v1/dialogs/${erased}` })).statusCode,
    ).toBe(204);

    // The erasure left a gap in the ids: the feed serves what follows it once the gap has settled.
    await expect
      .poll(async () => (await feed()).some((event) => event.type === "dialog.erased"), { timeout: 15_000 })
      .toBe(true);
    const served = await feed();
    for (const event of served) {
      const parsed = dialogEventSchema.safeParse(event);
      expect(parsed.error?.issues, `${event.type} #${event.id}`).toBeUndefined();
      // Nothing the union does not know: a field renamed by a producer would be dropped here.
      expect(parsed.data, `${event.type} #${event.id}`).toEqual(event);
    }
    const events = served.map((event) => dialogEventSchema.parse(event));
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(eventTypeSchema.options));
    expect(eventPageSchema.parse({ events: served, cursor: 0 }).unreadable).toBeUndefined();

    // The data of every event of one type, typed by its schema.
    const of = <T extends EventType>(type: T): EventData<T>[] =>
      z.array(eventDataSchemas[type]).parse(events.filter((event) => event.type === type).map((event) => event.data));
    expect(of("message.in")).toContainEqual({
      messageId: expect.any(String),
      text: "позовите менеджера",
      user: { id: "7", name: "Ира", username: "ira", phone: "+79990001122" },
    });
    expect(of("message.out")).toContainEqual({
      deliveryId: `op:${id}:amo-1`,
      author: "manager",
      text: "Я Анна",
      messageId: "amo-1",
      operator: "Анна",
    });
    expect(of("message.out").some((data) => data.author === "bot" && data.buttons !== undefined)).toBe(true);
    expect(of("message.out")).toContainEqual(expect.objectContaining({ followUp: { id: "c1", kind: "reminder" } }));
    expect(of("owner.changed").map((data) => data.reason)).toEqual([
      "client asked for a manager",
      "back to the bot",
      "manager took over",
    ]);
    expect(of("lead.created")).toEqual([
      expect.objectContaining({ leadId: expect.any(String), phone: "+79161234567", name: "Иван" }),
    ]);
    expect(of("slots.changed")[0]?.changed).toContain("rooms");
    expect(of("stage.changed").length).toBeGreaterThan(0);
    expect(of("delivery.status")).toEqual([
      {
        deliveryId: `op:${id}:amo-1`,
        status: "delivered",
        channelMessageId: "555",
        author: "manager",
        messageId: "amo-1",
      },
      { deliveryId: expect.any(String), status: "failed", errorCode: "903", error: "blocked", author: "bot" },
    ]);
    expect(events.filter((event) => event.dialogId === erased)).toEqual([
      expect.objectContaining({ type: "dialog.erased", data: {} }),
    ]);
  });
});
