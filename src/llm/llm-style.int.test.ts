// LLM_STYLE=on through the core: questions and summaries rephrased when the facts survive, verbatim otherwise.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../testing/start-test-core.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@wewall/test-support";
import { llmEnv } from "./testing/llm-test-env.js";

let fake: FakeOpenAiServer;
let core: TestCore;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  core = await startTestCore(llmEnv(fake.url, { LLM_STYLE: "on" }));
});
afterAll(async () => {
  await core?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

describe("styled replies", () => {
  it("rephrases a question once per process and keeps its buttons", async () => {
    fake.script({ content: "Подскажите, вы хотите купить или снять?" });
    const first = await core.say("style:1", "хочу найти квартиру");
    expect(first[0]?.text).toBe("Подскажите, вы хотите купить или снять?");
    expect(first[0]?.buttons?.flat().map((b) => b.data)).toEqual(["dealType:sale", "dealType:rent"]);
    expect(fake.requests).toHaveLength(1);

    const again = await core.say("style:2", "хочу найти квартиру");
    expect(again[0]?.text).toBe("Подскажите, вы хотите купить или снять?");
    expect(fake.requests).toHaveLength(1);
  });

  it("keeps a summary verbatim when the rephrasing changes a figure", async () => {
    const id = "style:summary";
    await core.say(id, "привет");
    fake.fallback = () => ({ content: "Ок." });
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    fake.fallback = () => ({ content: "Сверимся: бюджет до 16 млн, метро Таганская, 50 м². Верно?" });
    const summary = await core.say(id, "10 минут");
    expect(summary[0]?.text).toMatch(/Проверьте[\s\S]*15\s000\s000\s₽[\s\S]*Таганская/);
  });

  it("uses a rephrased summary that keeps every figure and name", async () => {
    const id = "style:summary-ok";
    await core.say(id, "привет");
    fake.fallback = () => ({ content: "Ок." });
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    const styled =
      "Давайте сверимся:\n• Сделка: покупка\n• Тип: квартира\n• Комнат: 2-комн.\n• Площадь: 50 м²\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Таганская\n• До метро: 10 мин пешком\n\nВсё так?";
    fake.fallback = () => ({ content: styled });
    expect((await core.say(id, "10 минут"))[0]?.text).toBe(styled);
  });

  it("leaves tool results untouched", async () => {
    const id = "style:results";
    await core.say(id, "привет");
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    await core.say(id, "10 минут");
    fake.reset();
    const results = await core.say(id, "да");
    expect(results[0]?.text).toMatch(/^Нашёл 7 вариантов/);
    expect(fake.requests).toHaveLength(0);
  });
});
