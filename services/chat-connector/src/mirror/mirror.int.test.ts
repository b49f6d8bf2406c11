// The mirror against real PostgreSQL, a fake core and a fake amoCRM that checks every signature and token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService } from "../service.js";
import { startHarness, until, BOT_ID, type Harness } from "../testing/start-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const amojoCalls = (suffix: string) =>
  h.amo.calls.filter((c) => c.api === "amojo" && c.path.endsWith(suffix) && c.status === 200);

describe("event mirror", () => {
  it("connects the channel once, then opens chat, contact, lead and link on a dialog's first message", async () => {
    h.core.clientSays("telegram:1", "m1", "Здравствуйте, ищу квартиру", {
      id: "1",
      name: "Ирина",
      phone: "+79990001122",
    });
    await until(() => h.amo.messagesOf("telegram:1").length === 1, "first message mirrored");
    await until(() => h.amo.state.chatLinks.length === 1, "chat linked");

    expect(amojoCalls("/connect")).toHaveLength(1);
    expect(h.amo.calls.filter((c) => c.path === "/api/v4/account?with=amojo_id")).toHaveLength(1);
    expect(h.amo.state.chats.has("telegram:1")).toBe(true);
    const contact = [...h.amo.state.contacts.values()][0];
    expect(JSON.stringify(contact)).toContain("+79990001122");
    const lead = [...h.amo.state.leads.values()][0];
    expect(lead).toMatchObject({
      pipeline_id: 77,
      status_id: 11,
      _embedded: { tags: [{ name: "WeWall AI" }], contacts: [{ id: contact?.id }] },
    });
    expect(h.amo.state.chatLinks[0]).toEqual({ chat_id: h.amo.state.chats.get("telegram:1"), contact_id: contact?.id });
    expect(h.amo.messagesOf("telegram:1")[0]).toMatchObject({
      msgid: "in:telegram:1:m1",
      silent: false,
      sender: { id: "telegram:1", name: "Ирина" },
      message: { type: "text", text: "Здравствуйте, ищу квартиру" },
    });
    expect(h.amo.state.badSignatures).toBe(0);
    const ready = await h.service.app.inject({ method: "GET", url: "/ready" });
    expect(ready.json()).toMatchObject({ status: "ready", scope: true });
    expect(h.amo.calls.every((c) => c.status !== 400 && c.status !== 401 && c.status !== 403)).toBe(true);
  });

  it("mirrors bot replies as silent outgoing bot messages and never mirrors manager replies back", async () => {
    h.core.botSays("telegram:1", "Какой бюджет?");
    h.core.emit("telegram:1", "message.out", {
      deliveryId: "mgr-1",
      author: "manager",
      text: "Я менеджер",
      messageId: "amo-x",
    });
    h.core.clientSays("telegram:1", "m2", "до 15 млн");
    await until(() => h.amo.messagesOf("telegram:1").length === 3, "three messages");
    const [, bot, client] = h.amo.messagesOf("telegram:1");
    expect(bot).toMatchObject({
      silent: true,
      sender: { ref_id: BOT_ID },
      receiver: { id: "telegram:1" },
      message: { text: "Какой бюджет?" },
    });
    expect(client).toMatchObject({ silent: false, msgid: "in:telegram:1:m2" });
  });

  it("updates lead fields and status as the funnel moves, and notes a handoff with a summary", async () => {
    h.core.emit("telegram:1", "slots.changed", {
      slots: { intent: "search", rooms: 2, budget: 15_000_000, metro: "Академическая" },
      changed: ["intent", "rooms", "budget", "metro"],
    });
    h.core.emit("telegram:1", "stage.changed", { from: "greeting", to: "slots" });
    await until(() => [...h.amo.state.leads.values()][0]?.status_id === 12, "status follows the stage");
    const lead = [...h.amo.state.leads.values()][0];
    expect(lead).toMatchObject({ price: 15_000_000 });
    expect(lead?.custom_fields_values).toEqual([
      { field_id: 501, values: [{ value: 2 }] },
      { field_id: 502, values: [{ value: "Академическая" }] },
    ]);
    h.core.emit("telegram:1", "owner.changed", { owner: "manager", reason: "client_request" });
    await until(() => h.amo.state.notes.length === 1, "handoff note");
    await until(() => [...h.amo.state.leads.values()][0]?.status_id === 16, "chat with manager status");
    expect(JSON.stringify(h.amo.state.notes[0])).toContain("м. Академическая");
  });

  it("reports a manager message's delivery status to the Chats API", async () => {
    h.core.emit("telegram:1", "delivery.status", {
      deliveryId: "d1",
      status: "delivered",
      author: "manager",
      messageId: "amo-msg-1",
    });
    h.core.emit("telegram:1", "delivery.status", {
      deliveryId: "d2",
      status: "failed",
      author: "manager",
      messageId: "amo-msg-2",
      errorCode: "903",
      error: "blocked",
    });
    await until(() => h.amo.state.deliveryStatuses.length === 2, "two statuses");
    expect(h.amo.state.deliveryStatuses).toEqual([
      { msgid: "amo-msg-1", delivery_status: 1 },
      { msgid: "amo-msg-2", delivery_status: -1, error_code: 903, error: "blocked" },
    ]);
    expect(amojoCalls("/amo-msg-2/delivery_status")).toHaveLength(1);
  });

  it("imports an existing dialog's history on its first mirror, all but the last silent", async () => {
    h.core.seedHistory("telegram:2", [
      ["client", "Старое сообщение"],
      ["bot", "Старый ответ"],
      ["client", "Последнее старое"],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    h.core.clientSays("telegram:2", "n1", "Новое сообщение");
    await until(() => h.amo.messagesOf("telegram:2").length === 4, "history and the new message");
    expect(h.amo.textsOf("telegram:2")).toEqual([
      [true, "Старое сообщение"],
      [true, "Старый ответ"],
      [false, "Последнее старое"],
      [false, "Новое сообщение"],
    ]);
    // Without a phone the contact is keyed by the dialog id.
    expect(JSON.stringify([...h.amo.state.contacts.values()][1])).toContain("telegram:2");
  });

  it("keeps its cursor across a restart: nothing is mirrored twice", async () => {
    const before = h.amo.calls.filter((c) => c.api === "amojo").length;
    await h.restart();
    h.core.clientSays("telegram:1", "m3", "ещё вопрос");
    await until(() => h.amo.messagesOf("telegram:1").length === 4, "the new message");
    expect(h.amo.calls.filter((c) => c.api === "amojo").length).toBe(before + 1);
    expect(amojoCalls("/connect")).toHaveLength(1);
  });

  it("erases its rows when the core erases the dialog", async () => {
    h.core.emit("telegram:2", "dialog.erased", {});
    await until(
      async () => (await h.db.pool.query("SELECT 1 FROM amo_dialogs WHERE dialog_id = 'telegram:2'")).rowCount === 0,
      "rows erased",
    );
    const { rowCount } = await h.db.pool.query("SELECT 1 FROM amo_outbox WHERE chat_key = 'telegram:2'");
    expect(rowCount).toBe(0);
  });

  it("with two connector instances on one database, each event is planned once", async () => {
    const second = await startService({ config: h.config, db: h.db, logger: h.logger, tuning: { eventWaitMs: 1000 } });
    try {
      for (let i = 1; i <= 10; i++) h.core.clientSays("telegram:3", `p${i}`, `параллельно ${i}`);
      await until(() => h.amo.messagesOf("telegram:3").length === 10, "all ten mirrored", 30_000);
      const { rows } = await h.db.pool.query(
        "SELECT payload->>'msgid' AS msgid, count(*)::int AS n FROM amo_outbox WHERE chat_key = 'telegram:3' AND kind = 'send_message' GROUP BY 1",
      );
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const { rowCount } = await h.db.pool.query(
        "SELECT 1 FROM amo_outbox WHERE chat_key = 'telegram:3' AND kind = 'create_lead'",
      );
      expect(rowCount).toBe(1);
    } finally {
      await second.close();
    }
  });
});
