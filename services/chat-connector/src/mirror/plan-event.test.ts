// Event → amoCRM calls: first contact, history import, bot-only mirroring, stage/slot/owner mapping, erasure.
import { dialogEventSchema, type DialogEvent, type EventType } from "@wewall/shared";
import { describe, expect, it } from "vitest";
import { historyBefore } from "./history-before.js";
import { planEvent } from "./plan-event.js";

const config = { stageMap: { greeting: 1, slots: 2, handoff: 6 }, leadFields: { rooms: 501, metro: 502 } };
// Fixtures go through the event union, as the feed's events do.
const ev = (type: EventType, data: Record<string, unknown>, at = "2026-01-01T10:00:00.000Z"): DialogEvent =>
  dialogEventSchema.parse({ id: 1, dialogId: "telegram:42", type, data, at });

describe("planEvent", () => {
  it("opens chat, contact, lead and link on a dialog's first message, then mirrors it as incoming", () => {
    const plan = planEvent(
      ev("message.in", { messageId: "m1", text: "Привет", user: { id: "42", name: "Ира", phone: "+79990001122" } }),
      undefined,
      config,
    );
    expect(plan.calls.map((c) => c.kind)).toEqual([
      "create_chat",
      "ensure_contact",
      "create_lead",
      "link_chat",
      "send_message",
    ]);
    expect(plan.calls.every((c) => c.chatKey === "telegram:42")).toBe(true);
    expect(plan.calls[1]?.payload).toMatchObject({ phone: "+79990001122" });
    expect(plan.calls[2]?.payload).toMatchObject({ statusId: 1 });
    expect(plan.calls[4]?.payload).toMatchObject({
      direction: "in",
      silent: false,
      msgid: "in:telegram:42:m1",
      text: "Привет",
    });
    expect(plan.link).toMatchObject({ clientName: "Ира", phone: "+79990001122", clientMessages: 1 });
  });

  it("imports history with every message silent but the last", () => {
    const history = [
      { id: 1, author: "client" as const, text: "a", at: "2026-01-01T09:00:00Z" },
      { id: 2, author: "bot" as const, text: "b", at: "2026-01-01T09:00:01Z" },
      { id: 3, author: "client" as const, text: "c", at: "2026-01-01T09:00:02Z" },
    ];
    const plan = planEvent(ev("stage.changed", { from: "greeting", to: "slots" }), undefined, config, history);
    const messages = plan.calls.filter((c) => c.kind === "send_message").map((c) => c.payload);
    expect(messages.map((m) => [m.direction, m.silent])).toEqual([
      ["in", true],
      ["out", true],
      ["in", false],
    ]);
    expect(plan.calls.at(-1)).toMatchObject({ kind: "update_lead", payload: { statusId: 2 } });
  });

  it("mirrors bot replies silently and never manager replies", () => {
    const link = planEvent(ev("message.in", { messageId: "m1", text: "x" }), undefined, config).link;
    const bot = planEvent(ev("message.out", { deliveryId: "d1", author: "bot", text: "Здравствуйте" }), link, config);
    expect(bot.calls).toEqual([
      expect.objectContaining({
        kind: "send_message",
        payload: expect.objectContaining({ direction: "out", silent: true, msgid: "out:telegram:42:d1" }),
      }),
    ]);
    expect(
      planEvent(ev("message.out", { deliveryId: "d2", author: "manager", text: "Я менеджер" }), link, config).calls,
    ).toEqual([]);
  });

  it("maps slots to lead fields and price, and a phone to the contact", () => {
    const link = planEvent(ev("message.in", { messageId: "m1", text: "x" }), undefined, config).link;
    const plan = planEvent(
      ev("slots.changed", {
        slots: { rooms: 2, budget: 9e6, phone: "+79990001122" },
        changed: ["rooms", "budget", "phone"],
      }),
      link,
      config,
    );
    expect(plan.calls.map((c) => c.payload)).toEqual([
      { dialogId: "telegram:42", fields: [{ field_id: 501, values: [{ value: 2 }] }], price: 9e6 },
      { dialogId: "telegram:42", phone: "+79990001122" },
    ]);
  });

  it("on handoff adds a summary note and moves the lead to 'chat with manager'", () => {
    const link = planEvent(ev("message.in", { messageId: "m1", text: "x" }), undefined, config).link;
    const plan = planEvent(ev("owner.changed", { owner: "manager", reason: "operator_message" }), link, config);
    expect(plan.calls.map((c) => c.kind)).toEqual(["add_note", "update_lead"]);
    // The rule-built note, and when the handoff happened so a model may write it from the dialog up to then.
    expect(plan.calls[0]?.payload).toEqual({
      dialogId: "telegram:42",
      text: "Диалог передан менеджеру (operator_message).\nЭтап воронки: начало. Сообщений клиента: 1.",
      handoff: { atMs: Date.parse("2026-01-01T10:00:00.000Z"), reason: "operator_message" },
    });
    expect(plan.calls[1]?.payload).toMatchObject({ statusId: 6 });
    expect(plan.link?.owner).toBe("manager");
  });

  it("reports a manager message's delivery to amoCRM with an error code on failure", () => {
    const link = planEvent(ev("message.in", { messageId: "m1", text: "x" }), undefined, config).link;
    const ok = planEvent(
      ev("delivery.status", { deliveryId: "d", status: "delivered", author: "manager", messageId: "amo-1" }),
      link,
      config,
    );
    expect(ok.calls[0]?.payload).toEqual({ dialogId: "telegram:42", msgid: "amo-1", status: 1 });
    const failed = planEvent(
      ev("delivery.status", {
        deliveryId: "d",
        status: "failed",
        author: "manager",
        messageId: "amo-2",
        errorCode: "blocked",
      }),
      link,
      config,
    );
    expect(failed.calls[0]?.payload).toMatchObject({ status: -1, errorCode: 905, error: "blocked" });
    expect(
      planEvent(ev("delivery.status", { deliveryId: "d", status: "delivered", author: "bot" }), link, config).calls,
    ).toEqual([]);
  });

  it("erases a known dialog and ignores erasure of an unknown one", () => {
    const link = planEvent(ev("message.in", { messageId: "m1", text: "x" }), undefined, config).link;
    expect(planEvent(ev("dialog.erased", {}), link, config)).toEqual({ link: undefined, erase: true, calls: [] });
    expect(planEvent(ev("dialog.erased", {}), undefined, config)).toEqual({ link: undefined, erase: false, calls: [] });
  });
});

describe("historyBefore", () => {
  it("keeps entries older than the first event, minus that event's own transcript row", () => {
    const first = ev("message.in", { messageId: "m9", text: "новое" }, "2026-01-01T10:00:00.000Z");
    const transcript = [
      { id: 1, author: "client" as const, text: "старое", at: "2026-01-01T09:00:00.000Z" },
      { id: 2, author: "client" as const, text: "новое", at: "2026-01-01T09:59:59.990Z" },
      { id: 3, author: "bot" as const, text: "ответ", at: "2026-01-01T10:00:01.000Z" },
    ];
    expect(historyBefore(transcript, first).map((e) => e.id)).toEqual([1]);
  });
});
