// A model that hangs, storms 429s, answers garbage or is cut off by the spend cap never breaks a dialog: rules stand.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "../testing/start-test-core.js";
import { startFakeOpenAiServer, type FakeOpenAiServer, asAdmin } from "@wewall/test-support";
import { llmEnv, modelTurn } from "./testing/llm-test-env.js";

let fake: FakeOpenAiServer;
let core: TestCore;
let capped: TestCore;
beforeAll(async () => {
  fake = await startFakeOpenAiServer();
  core = await startTestCore(
    llmEnv(fake.url, { LLM_TIMEOUT_MS: "300", LLM_BREAKER_FAILURES: "2", LLM_BREAKER_COOLDOWN_MS: "600000" }),
  );
  capped = await startTestCore(llmEnv(fake.url, { LLM_DIALOG_TOKEN_CAP: "1" }));
});
afterAll(async () => {
  await core?.close();
  await capped?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

async function atMetroQuestion(target: TestCore, id: string) {
  await target.say(id, "привет");
  expect((await target.say(id, "ищу двушку до 15 млн, метров 50"))[0]?.text).toMatch(/станцией метро/);
}
const slotsOf = async (target: TestCore, id: string) =>
  (await target.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json().slots;

describe("model failures", () => {
  it("answers on rules when the model does not answer in time", async () => {
    await atMetroQuestion(core, "fail:timeout");
    fake.script({ hang: true });
    const started = Date.now();
    // A typo the rules cannot read (no space in "к соколу"): only a model can.
    const reply = await core.say("fail:timeout", "хочется поближе ксоколу");
    expect(Date.now() - started).toBeLessThan(3000);
    expect(reply[0]?.text).toMatch(/не понял[\s\S]*метро/);
    expect(fake.requests).toHaveLength(1);
  });

  it("rides out a 500 with a retry and uses the answer", async () => {
    await atMetroQuestion(core, "fail:retry");
    fake.script({ status: 500 }, { json: modelTurn("answer", { slots: { metro: "Сокол" } }) });
    await core.say("fail:retry", "хочется поближе ксоколу");
    expect(fake.requests).toHaveLength(2);
    expect((await slotsOf(core, "fail:retry")).metro).toBe("Сокол");
  });

  it("keeps rules when the server sends garbage instead of a completion", async () => {
    await atMetroQuestion(core, "fail:garbage");
    fake.script({ garbage: "<html>upstream error</html>" });
    expect((await core.say("fail:garbage", "хочется поближе ксоколу"))[0]?.text).toMatch(/не понял/);
  });

  it("gives up a 429 storm after bounded retries, then opens the circuit and stops calling", async () => {
    await atMetroQuestion(core, "fail:storm");
    fake.fallback = () => ({ status: 429 });
    expect((await core.say("fail:storm", "хочется поближе ксоколу"))[0]?.text).toMatch(/не понял/);
    expect(fake.requests).toHaveLength(3);
    expect((await core.say("fail:storm", "ну где-то усокола"))[0]?.text).toMatch(/не понял/);
    expect(fake.requests).toHaveLength(6);

    // Open: the next message that needs the model goes on rules without a request.
    const reply = await core.say("fail:storm", "поближе ксоколу, пожалуйста");
    expect(reply[0]?.text).toMatch(/не понял/);
    expect(fake.requests).toHaveLength(6);
    const booked = async () =>
      (
        await core.db.pool.query(
          "SELECT calls::int, failed_calls::int FROM llm_usage_by_dialog WHERE dialog_id = 'fail:storm'",
        )
      ).rows;
    await expect.poll(booked).toEqual([{ calls: 2, failed_calls: 2 }]);
  });

  it("still runs a whole dialog on rules with the circuit open", async () => {
    const id = "fail:open-dialog";
    await core.say(id, "привет");
    await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    await core.say(id, "10 минут");
    expect((await core.say(id, "да"))[0]?.text).toMatch(/Нашёл 7 вариантов/);
    expect((await core.say("fail:open-question", "Какая у вас комиссия?"))[0]?.text).toMatch(/менеджеру/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("spend cap", () => {
  it("stops asking the model for a dialog past its cap, and only for that dialog", async () => {
    fake.fallback = () => ({ json: modelTurn("unclear") });
    await atMetroQuestion(capped, "cap:one");
    await capped.say("cap:one", "хочется поближе ксоколу");
    expect(fake.requests).toHaveLength(1);
    expect((await capped.say("cap:one", "ну где-то усокола"))[0]?.text).toMatch(/не понял/);
    expect(fake.requests).toHaveLength(1);

    await atMetroQuestion(capped, "cap:two");
    await capped.say("cap:two", "хочется поближе ксоколу");
    expect(fake.requests).toHaveLength(2);
  });
});

describe("no model configured", () => {
  it("leaves free questions to the manager exactly as before", async () => {
    const plain = await startTestCore();
    try {
      expect((await plain.say("plain:q", "Какая у вас комиссия?"))[0]?.text).toMatch(/передал его менеджеру/);
      expect(plain.config.llm).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
