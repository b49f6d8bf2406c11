// The handoff note with a model configured (the loopback fake OpenAI server): written from the dialog, checked, and
// rule-built whenever the model fails, stalls or states what nobody said.
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@wewall/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, until, type Harness } from "../testing/start-harness.js";

let fake: FakeOpenAiServer;
let h: Harness;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  h = await startHarness({
    config: {
      llm: {
        baseUrl: fake.url,
        apiKey: "test-key",
        model: "fake-model",
        timeoutMs: 500,
        maxRetries: 1,
        breakerFailures: 100,
        breakerCooldownMs: 1000,
      },
    },
  });
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

async function leadOf(dialogId: string): Promise<number> {
  return until(async () => {
    const { rows } = await h.db.pool.query<{ lead_id: number | null }>(
      "SELECT lead_id FROM amo_dialogs WHERE dialog_id = $1",
      [dialogId],
    );
    return rows[0]?.lead_id ?? undefined;
  }, `the lead of ${dialogId}`);
}

const notesOf = (leadId: number) =>
  h.amo.state.notes.filter((note) => note.entity_id === leadId).map((note) => JSON.stringify(note.params));

// A searching client who gave a phone number, then the handoff, then one more message after it.
async function dialogUpToHandoff(dialogId: string): Promise<number> {
  h.core.clientSays(dialogId, "m1", "Здравствуйте, ищу двушку у метро Сокол до 15 млн", {
    id: dialogId,
    name: "Ирина",
    phone: "+79990001122",
  });
  h.core.botSays(dialogId, "Подберу варианты. Оставите телефон для связи?");
  h.core.clientSays(dialogId, "m2", "+7 999 000-11-22");
  h.core.emit(dialogId, "slots.changed", {
    slots: { intent: "search", dealType: "sale", rooms: 2, budget: 15_000_000, metro: "Сокол", phone: "+79990001122" },
    changed: ["intent", "dealType", "rooms", "budget", "metro", "phone"],
  });
  const leadId = await leadOf(dialogId);
  h.core.emit(dialogId, "owner.changed", { owner: "manager", reason: "client_request" });
  await new Promise((resolve) => setTimeout(resolve, 5));
  h.core.clientSays(dialogId, "m3", "после передачи");
  return leadId;
}

const userText = () => {
  const content = fake.requests[0]?.body.messages.find((m) => m.role === "user")?.content;
  return typeof content === "string" ? content : "";
};

describe("handoff note with a model", () => {
  it("is the model's summary of the dialog up to the handoff, which never saw the phone number", async () => {
    fake.script({ content: "Клиент ищет двухкомнатную квартиру у м. Сокол, бюджет до 15 млн ₽. Оставил телефон." });
    const leadId = await dialogUpToHandoff("telegram:1");
    await until(() => notesOf(leadId).length === 1, "the note");
    expect(JSON.parse(notesOf(leadId)[0] ?? "{}")).toEqual({
      text: "Диалог передан менеджеру (client_request).\nКлиент ищет двухкомнатную квартиру у м. Сокол, бюджет до 15 млн ₽. Оставил телефон.",
    });
    expect(fake.requests).toHaveLength(1);
    const system = fake.requests[0]?.body.messages[0];
    expect(system?.role).toBe("system");
    expect(String(system?.content)).toContain("Ничего не додумывай");
    expect(userText()).toContain("Клиент: Здравствуйте, ищу двушку у метро Сокол до 15 млн");
    expect(userText()).toContain("Клиент: [телефон]");
    expect(userText()).toContain("Запрос: подбор объекта, покупка");
    expect(userText()).not.toMatch(/999|1122/);
    expect(userText()).not.toContain("после передачи");
  });

  it("is rule-built when the model states a figure nobody said", async () => {
    fake.script({ content: "Клиент ищет двухкомнатную квартиру у м. Сокол до 25 млн ₽." });
    const leadId = await dialogUpToHandoff("telegram:2");
    await until(() => notesOf(leadId).length === 1, "the note");
    expect(notesOf(leadId)[0]).toContain("Параметры: 2-комн., бюджет до 15 000 000 ₽, м. Сокол.");
    expect(notesOf(leadId)[0]).not.toContain("25 млн");
  });

  it("is rule-built when the model fails and then does not answer within the timeout", async () => {
    fake.script({ status: 500 }, { hang: true });
    const leadId = await dialogUpToHandoff("telegram:3");
    await until(() => notesOf(leadId).length === 1, "the note");
    expect(fake.requests).toHaveLength(2);
    expect(notesOf(leadId)[0]).toContain("Этап воронки");
  });

  it("asks the model once even when amoCRM refuses the note and it is sent again", async () => {
    fake.script({ content: "Клиент ищет двухкомнатную квартиру у м. Сокол." });
    h.amo.failNext(1, 502, "v4", /^\/api\/v4\/leads\/notes$/);
    const refused = h.amo.calls.filter((c) => c.path === "/api/v4/leads/notes" && c.status === 502).length;
    const leadId = await dialogUpToHandoff("telegram:4");
    await until(() => notesOf(leadId).length === 1, "the note", 30_000);
    expect(h.amo.calls.filter((c) => c.path === "/api/v4/leads/notes" && c.status === 502)).toHaveLength(refused + 1);
    expect(fake.requests).toHaveLength(1);
    expect(notesOf(leadId)[0]).toContain("Клиент ищет двухкомнатную квартиру у м. Сокол.");
  });
});
