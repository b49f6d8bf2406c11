// Handoff and hand-back, manager messages, and valuation with a tool that is slow or down.
import { asAdmin, expectEveryRouteGuarded, TEST_SERVICE_ENV } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.close());

const get = async (url: string) => (await core.service.app.inject({ headers: asAdmin, method: "GET", url })).json();
const post = (url: string, payload?: object) =>
  core.service.app.inject({ headers: asAdmin, method: "POST", url, ...(payload ? { payload } : {}) });

describe("manager handoff", () => {
  it("goes silent while a manager owns the dialog and resumes at the same step when handed back", async () => {
    const id = "test:handoff";
    await core.say(id, "хочу купить квартиру");
    const question = await core.say(id, "двушку");
    expect(question[0]?.text).toMatch(/площадь/);

    const handoff = await core.say(id, "позовите менеджера");
    expect(handoff[0]?.text).toMatch(/менеджеру/);
    expect((await get(`/v1/dialogs/${id}`)).owner).toBe("manager");

    expect(await core.say(id, "алло, есть кто?")).toEqual([]);
    const operator = await post(`/v1/dialogs/${id}/operator-messages`, {
      messageId: "amo-1",
      text: "Здравствуйте, я Анна",
    });
    expect(operator.statusCode).toBe(202);
    expect(
      (await post(`/v1/dialogs/${id}/operator-messages`, { messageId: "amo-1", text: "Здравствуйте, я Анна" })).json(),
    ).toMatchObject({ duplicate: true });

    const transcript = (await get(`/v1/dialogs/${id}/transcript`)).entries;
    expect(transcript.map((e: { author: string }) => e.author)).toEqual([
      "client",
      "bot",
      "client",
      "bot",
      "client",
      "bot",
      "client",
      "manager",
    ]);

    expect((await post(`/v1/dialogs/${id}/release`, {})).json()).toEqual({ owner: "bot" });
    await waitFor(async () => (await get(`/v1/dialogs/${id}/transcript`)).entries.length === 9);
    const resumed = (await get(`/v1/dialogs/${id}/transcript`)).entries.at(-1);
    expect(resumed.text).toMatch(/снова на связи/);
    expect(resumed.text).toMatch(/площадь/);
    expect((await core.say(id, "55 м2"))[0]?.text).toMatch(/бюджет/);

    const owners = await core.db.pool.query(
      "SELECT data FROM events WHERE dialog_id = $1 AND type = 'owner.changed' ORDER BY id",
      [id],
    );
    expect(owners.rows.map((r) => r.data.owner)).toEqual(["manager", "bot"]);

    const repeated = await post(`/v1/dialogs/${id}/operator-messages`, { messageId: "amo-1", text: "Здравствуйте" });
    expect(repeated.json()).toMatchObject({ duplicate: true });
    expect((await get(`/v1/dialogs/${id}`)).owner).toBe("bot");
  });

  it("a manager writing into the bot's dialog takes it over before the message goes out", async () => {
    const id = "test:manager-writes";
    await core.say(id, "привет");
    await post(`/v1/dialogs/${id}/operator-messages`, { messageId: "amo-7", text: "Добрый день!" });
    expect((await get(`/v1/dialogs/${id}`)).owner).toBe("manager");
    const events = await core.db.pool.query<{ type: string }>(
      "SELECT type FROM events WHERE dialog_id = $1 AND type IN ('owner.changed', 'message.out') ORDER BY id",
      [id],
    );
    expect(events.rows.map((row) => row.type)).toEqual(["message.out", "owner.changed", "message.out"]);
    expect(await core.say(id, "а бот ещё тут?")).toEqual([]);
  });

  it("a manager taking over by API silences the bot", async () => {
    const id = "test:takeover";
    await core.say(id, "привет");
    expect((await post(`/v1/dialogs/${id}/handoff`, { reason: "manager opened the chat" })).json()).toEqual({
      owner: "manager",
    });
    const bodiless = await core.service.app.inject({
      headers: asAdmin,
      method: "POST",
      url: `/v1/dialogs/${id}/handoff`,
    });
    expect(bodiless.json()).toEqual({ owner: "manager" });
    expect(await core.say(id, "хочу купить квартиру")).toEqual([]);
  });
});

describe("tools slow or down", () => {
  it("answers politely, keeps the dialog at the confirmation, and retries on the next yes", async () => {
    const id = "test:tools";
    await core.say(id, "оценить квартиру");
    await core.say(id, "2 комнаты, 54 квадрата, 5 этаж из 9");
    await core.say(id, "не важно");
    const summary = await core.say(id, "не важно");
    expect(summary[0]?.text).toMatch(/Проверьте/);

    core.tools.mode = "down";
    const down = await core.say(id, "да");
    expect(down[0]?.text).toMatch(/не отвечает/);
    const metrics = await core.service.app.inject({ method: "GET", url: "/metrics", headers: asAdmin });
    expect(metrics.body).toMatch(/wewall_tool_failures_total\{[^}]*tool="valuate"[^}]*\} [1-9]/);
    expect((await get(`/v1/dialogs/${id}`)).stage).toBe("confirm");

    core.tools.mode = "slow";
    core.tools.delayMs = 2000;
    expect((await core.say(id, "да"))[0]?.text).toMatch(/не отвечает/);

    core.tools.mode = "up";
    const valued = await core.say(id, "да");
    expect(valued[0]?.text).toMatch(/Оценка: 15\s500\s000 ₽/);
    expect(valued[0]?.text).toMatch(/75\s000 ₽ в месяц/);
    expect((await get(`/v1/dialogs/${id}`)).results.valuation.price).toBe(15_500_000);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("core credentials", () => {
  it("refuses every route but the probes and docs without a service token, and a connector beyond its scopes", async () => {
    const core = await startTestCore(TEST_SERVICE_ENV);
    try {
      expect(await expectEveryRouteGuarded(core.service.app)).toBeGreaterThanOrEqual(9);
      const asTelegram = { authorization: `Bearer ${TEST_SERVICE_ENV.TELEGRAM_SERVICE_TOKEN}` };
      const handoff = await core.service.app.inject({
        method: "POST",
        url: "/v1/dialogs/telegram:1/handoff",
        headers: asTelegram,
      });
      expect(handoff.statusCode).toBe(403);
      expect(handoff.json()).toMatchObject({ error: "forbidden" });
      const ready = await core.service.app.inject({ method: "GET", url: "/ready" });
      expect(ready.json()).toMatchObject({ status: "ready" });
    } finally {
      await core.close();
    }
  });
});
