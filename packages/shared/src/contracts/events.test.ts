// The event union: each type's data checked, extra fields dropped, and a page that sets aside what it cannot read.
import { describe, expect, it } from "vitest";
import { dialogEventSchema, eventPageSchema, readEvent, type EventDraft } from "./events.js";

const envelope = { id: 1, dialogId: "telegram:1", at: "2026-01-01T10:00:00.000Z" };

describe("dialogEventSchema", () => {
  it("reads each type's data, and drops fields a newer core adds", () => {
    const event = dialogEventSchema.parse({
      ...envelope,
      type: "owner.changed",
      data: { owner: "manager", reason: "client asked for a manager", since: "later" },
    });
    expect(event).toEqual({
      ...envelope,
      type: "owner.changed",
      data: { owner: "manager", reason: "client asked for a manager" },
    });
    if (event.type === "owner.changed") expect(event.data.owner).toBe("manager");
  });

  it("checks a producer's draft at compile time", () => {
    const drafts: EventDraft[] = [
      { type: "stage.changed", data: { from: "greeting", to: "slots" } },
      { type: "dialog.erased", data: {} },
      // @ts-expect-error a renamed field is a compile error for a TypeScript producer
      { type: "stage.changed", data: { before: "greeting", to: "slots" } },
    ];
    expect(drafts).toHaveLength(3);
  });
});

describe("eventPageSchema", () => {
  it("sets aside an unknown type or bad data with why, and keeps the rest of the page", () => {
    const page = eventPageSchema.parse({
      events: [
        { ...envelope, type: "message.in", data: { messageId: "m1", text: "привет" } },
        { ...envelope, id: 2, type: "delivery.status", data: { deliveryId: "d", status: "lost", author: "bot" } },
        { ...envelope, id: 3, type: "dialog.archived", data: {} },
      ],
      cursor: 3,
    });
    expect(page.events.map((event) => event.id)).toEqual([1]);
    expect(page.cursor).toBe(3);
    expect(page.unreadable?.map((entry) => [entry.event.id, entry.problems])).toEqual([
      [2, [expect.stringMatching(/^data\.status: /)]],
      [3, [expect.stringMatching(/^type: /)]],
    ]);
  });

  it("fails only a page whose envelopes are broken: without ids the cursor cannot move", () => {
    expect(() => eventPageSchema.parse({ events: [{ type: "message.in" }], cursor: 1 })).toThrow();
    expect(readEvent({ ...envelope, type: "dialog.erased", data: {} })).toEqual({
      event: { ...envelope, type: "dialog.erased", data: {} },
    });
  });
});
