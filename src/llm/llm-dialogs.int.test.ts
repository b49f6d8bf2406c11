// Whole dialogs with a scripted model: rules first, classification, slot extraction, tool calls, knowledge answers, accounting.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../testing/start-test-core.js";
import { startFakeOpenAiServer, type FakeOpenAiServer, asAdmin } from "@wewall/test-support";
import { llmEnv, modelTurn } from "./testing/llm-test-env.js";

let fake: FakeOpenAiServer;
let core: TestCore;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  core = await startTestCore(llmEnv(fake.url));
});
afterAll(async () => {
  await core?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const view = async (id: string) =>
  (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
const lastUserMessage = (index: number) => {
  const messages = fake.requests[index]?.body.messages ?? [];
  return String(messages.at(-1)?.content ?? "");
};

async function atMetroQuestion(id: string) {
  await core.say(id, "привет");
  const asked = await core.say(id, "ищу двушку до 15 млн, метров 50");
  expect(asked[0]?.text).toMatch(/станцией метро/);
}

describe("rules first", () => {
  it("makes no model call for a dialog the rules settle", async () => {
    const id = "llm:rules-only";
    await core.say(id, "привет");
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    await core.say(id, "10 минут");
    const results = await core.say(id, "да");
    expect(results[0]?.text).toMatch(/Нашёл 7 вариантов/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the model decides what rules cannot", () => {
  it("extracts a station the parser missed and drops the number the message does not contain", async () => {
    const id = "llm:extract";
    await atMetroQuestion(id);
    fake.script({ json: modelTurn("answer", { slots: { metro: "Сокол", budget: 50_000_000, walkMinutes: 7 } }) });
    // A typo the rules cannot read (no space in "к соколу"), though the station is in the message.
    const next = await core.say(id, "хочется поближе ксоколу");
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.body.response_format?.type).toBe("json_schema");
    expect(lastUserMessage(0)).toContain("хочется поближе ксоколу");
    expect(lastUserMessage(0)).toContain("Ждём ответ: metro");
    const sent = fake.requests[0]?.body.messages ?? [];
    expect(sent[0]?.role).toBe("system");
    // Few-shot Russian examples travel as user/assistant pairs before the real turn.
    expect(sent.filter((m) => m.role === "assistant").length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(sent)).not.toContain("+7");
    const state = await view(id);
    expect(state.slots.metro).toBe("Сокол");
    expect(state.slots.budget).toBe(15_000_000);
    expect(state.slots.walkMinutes).toBeUndefined();
    expect(next[0]?.text).toMatch(/минут пешком/);
  });

  it("never takes a station the index does not know", async () => {
    const id = "llm:fake-station";
    await atMetroQuestion(id);
    fake.script({ json: modelTurn("answer", { slots: { metro: "Хогвартс" } }) });
    const next = await core.say(id, "где-нибудь у хогвартса");
    expect((await view(id)).slots.metro).toBeUndefined();
    expect(next[0]?.text).toMatch(/не понял/);
  });

  it("takes agreement in free words at the confirmation", async () => {
    const id = "llm:agree";
    await core.say(id, "привет");
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    expect((await core.say(id, "10 минут"))[0]?.text).toMatch(/Проверьте/);
    fake.script({ json: modelTurn("agree") });
    const results = await core.say(id, "ну в целом можно и так, погнали");
    expect(results[0]?.text).toMatch(/Нашёл 7 вариантов/);
    expect(fake.requests).toHaveLength(1);
  });

  it("goes back to the slot the model names", async () => {
    const id = "llm:back";
    await atMetroQuestion(id);
    fake.script({ json: modelTurn("back", { backTo: "budget" }) });
    const asked = await core.say(id, "погоди, а по деньгам переиграем");
    expect(asked[0]?.text).toMatch(/бюджет/);
    expect((await view(id)).slots.budget).toBeUndefined();
  });

  it("hands off when the client asks for a person in words the rules do not know", async () => {
    const id = "llm:handoff";
    await atMetroQuestion(id);
    fake.script({ json: modelTurn("handoff") });
    const reply = await core.say(id, "мне бы с живым кем-нибудь поговорить");
    expect(reply[0]?.text).toMatch(/менеджеру/);
    expect((await view(id)).owner).toBe("manager");
  });

  it("switches intent", async () => {
    const id = "llm:switch";
    await core.say(id, "привет");
    fake.script({ json: modelTurn("intent_switch", { intent: "valuation" }) });
    const reply = await core.say(id, "хочу понять почём моя хата");
    expect((await view(id)).slots.intent).toBe("valuation");
    expect(reply[0]?.text).toMatch(/Что оцениваем/);
  });

  it("turns a free-form 'same but elsewhere' into a tool call whose arguments become slot changes", async () => {
    const id = "llm:tool";
    await core.say(id, "привет");
    await core.say(id, "хочу оценить квартиру");
    await core.say(id, "двушка, 50 метров, у Таганской");
    await core.say(id, "7 минут");
    await core.say(id, "5");
    expect((await core.say(id, "9"))[0]?.text).toMatch(/Проверьте/);
    expect((await core.say(id, "да"))[0]?.text).toMatch(/Оценка/);

    fake.script({ toolCalls: [{ name: "valuate_property", args: { metro: "Сокол", budget: 30_000_000 } }] });
    const summary = await core.say(id, "а сколько будет стоить такая же, но на Соколе?");
    expect(fake.requests[0]?.body.tools?.map((t) => t.function.name)).toEqual(["valuate_property", "search_listings"]);
    const state = await view(id);
    expect(state.slots).toMatchObject({ intent: "valuation", metro: "Сокол", rooms: 2, area: 50 });
    expect(state.slots.budget).toBeUndefined();
    expect(summary[0]?.text).toMatch(/Проверьте[\s\S]*Сокол/);

    core.tools.calls.length = 0;
    expect((await core.say(id, "да"))[0]?.text).toMatch(/Оценка/);
    expect(core.tools.calls.find((c) => c.path === "/v1/valuations")?.body).toMatchObject({ metro: "Сокол" });
  });

  it("keeps the rule result when the model answers garbage JSON or a wrong shape", async () => {
    const id = "llm:garbage";
    await atMetroQuestion(id);
    fake.script({ content: "{label: agree" });
    expect((await core.say(id, "хочется поближе ксоколу"))[0]?.text).toMatch(/не понял[\s\S]*метро/);
    fake.script({ json: { label: "answer", slots: { metro: 42 }, extra: "x" } });
    expect((await core.say(id, "хочется поближе ксоколу"))[0]?.text).toMatch(/не понял[\s\S]*метро/);
    expect((await view(id)).slots.metro).toBeUndefined();
  });
});

describe("knowledge answers", () => {
  it("answers from the passages with the source named, and the passages reach the model", async () => {
    const id = "llm:kb";
    fake.script({
      json: {
        known: true,
        answer: "При покупке комиссия 2% от цены объекта, но не меньше 150 000 рублей.",
        sources: ["komissiya.md#1"],
      },
    });
    const reply = await core.say(id, "Какая у вас комиссия?");
    expect(reply[0]?.text).toMatch(/2% от цены/);
    expect(reply[0]?.text).toMatch(/Источник: «Комиссия и оплата»/);
    expect(lastUserMessage(0)).toContain("[komissiya.md#1]");
    expect(lastUserMessage(0)).toContain("не меньше 150 000 рублей");
  });

  it("says so and passes the question on when the model does not know", async () => {
    fake.script({ json: { known: false, answer: "", sources: [] } });
    const reply = await core.say("llm:kb-unknown", "Какая у вас комиссия за консультацию юриста?");
    expect(reply[0]?.text).toMatch(/передал его менеджеру/);
  });

  it("asks no model when no passage is on the subject", async () => {
    const reply = await core.say("llm:kb-nothing", "Как зовут вашего кота?");
    expect(reply[0]?.text).toMatch(/передал его менеджеру/);
    expect(fake.requests).toHaveLength(0);
  });

  it("takes the question after the button and answers it", async () => {
    const id = "llm:kb-button";
    await core.say(id, "привет");
    const ask = await core.say(id, "❓ Задать вопрос", { button: "intent:question" });
    expect(ask[0]?.text).toMatch(/Спрашивайте/);
    fake.script(
      { json: modelTurn("question") },
      { json: { known: true, answer: "Офис работает с понедельника по пятницу.", sources: ["kontakty.md#2"] } },
    );
    const reply = await core.say(id, "а по выходным вы работаете");
    expect(reply[0]?.text).toMatch(/понедельника по пятницу[\s\S]*«Контакты и график работы»/);
  });
});

describe("accounting", () => {
  it("books calls and tokens per dialog and per lead", async () => {
    const id = "llm:ledger";
    await atMetroQuestion(id);
    fake.script({ json: modelTurn("answer", { slots: { metro: "Сокол" } }) });
    await core.say(id, "хочется поближе ксоколу");
    await core.say(id, "10 минут");
    await core.say(id, "да");
    await core.say(id, "+7 916 123-45-67");
    await core.say(id, "Иван");
    await core.say(id, "да");
    // Usage is written behind the reply: wait for the row rather than race it.
    const byLead = async () =>
      (
        await core.db.pool.query(
          "SELECT calls::int, input_tokens::int, output_tokens::int FROM llm_usage_by_lead WHERE dialog_id = $1",
          [id],
        )
      ).rows;
    await expect.poll(byLead).toEqual([expect.objectContaining({ calls: 1 })]);
    const [row] = await byLead();
    expect(row.input_tokens).toBeGreaterThan(0);
    expect(row.output_tokens).toBeGreaterThan(0);
  });
});
