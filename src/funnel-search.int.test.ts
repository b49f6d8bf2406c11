// Whole search dialogs through the HTTP API against real PostgreSQL: multi-slot messages, confirmation, results, lead.
import { asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.close());

async function view(dialogId: string) {
  const response = await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${dialogId}` });
  return response.json();
}

describe("search funnel", () => {
  it("takes several parameters from one message and never asks for them again", async () => {
    const id = "test:multi";
    const greeting = await core.say(id, "привет");
    expect(greeting[0]?.text).toMatch(/Здравствуйте/);
    expect(greeting[0]?.buttons?.flat().map((b) => b.data)).toContain("intent:search");

    const next = await core.say(id, "ищу двушку у Таганской до 15 млн, метров 50");
    const state = await view(id);
    expect(state.slots).toMatchObject({
      intent: "search",
      dealType: "sale",
      propertyType: "flat",
      rooms: 2,
      metro: "Таганская",
      budget: 15_000_000,
      area: 50,
    });
    expect(next[0]?.text).toMatch(/минут пешком/);

    const summary = await core.say(id, "10 минут");
    expect(summary[0]?.text).toMatch(/Проверьте/);
    expect(summary[0]?.text).toMatch(/2-комн/);
    expect(summary[0]?.text).toMatch(/Таганская/);

    const results = await core.say(id, "да");
    expect(results[0]?.text).toMatch(/Нашёл 7 вариантов/);
    expect(results[1]?.text).toMatch(/телефон/);
    expect(results[1]?.requestPhone).toBe(true);
    const searchCall = core.tools.calls.find((call) => call.path === "/v1/search");
    expect(searchCall?.body).toMatchObject({
      dealType: "sale",
      rooms: [2],
      budget: 15_000_000,
      metro: ["Таганская"],
      walkMinutesMax: 10,
    });

    const more = await core.say(id, "покажи ещё");
    expect(more[0]?.text).toMatch(/следующие/);
    expect(more[0]?.text).toMatch(/4\./);

    expect((await core.say(id, "8 (916) 123-45-67"))[0]?.text).toMatch(/обращаться/);
    expect((await core.say(id, "Иван"))[0]?.text).toMatch(/согласны/i);
    const done = await core.say(id, "да");
    expect(done[0]?.text).toMatch(/Спасибо, Иван/);

    const final = await view(id);
    expect(final.stage).toBe("done");
    expect(final.slots).toMatchObject({ phone: "+79161234567", name: "Иван", consent: true });
    const leads = await core.db.pool.query("SELECT phone, name FROM leads WHERE dialog_id = $1", [id]);
    expect(leads.rows).toEqual([{ phone: "+79161234567", name: "Иван" }]);
    const events = await core.db.pool.query("SELECT type FROM events WHERE dialog_id = $1 AND type = 'lead.created'", [
      id,
    ]);
    expect(events.rowCount).toBe(1);
  });

  it("goes back one question, back to a named slot, and takes a correction at the confirmation", async () => {
    const id = "test:back";
    await core.say(id, "хочу снять квартиру");
    expect((await view(id)).slots).toMatchObject({ intent: "search", dealType: "rent", propertyType: "flat" });
    await core.say(id, "", { button: "rooms:1", text: "1" });
    const areaQuestion = await core.say(id, "сорок два с половиной квадрата");
    expect((await view(id)).slots.area).toBe(42.5);
    expect(areaQuestion[0]?.text).toMatch(/бюджет в месяц/);

    const back = await core.say(id, "назад");
    expect(back[0]?.text).toMatch(/площадь/);
    expect((await view(id)).slots.area).toBeUndefined();
    await core.say(id, "45");
    await core.say(id, "до 60 тысяч");
    expect((await view(id)).slots.budget).toBe(60_000);
    await core.say(id, "не важно");
    const summary = await core.say(id, "верни к бюджету");
    expect(summary[0]?.text).toMatch(/бюджет/);
    expect((await view(id)).slots.budget).toBeUndefined();
    const confirm = await core.say(id, "70 тыс");
    expect(confirm[0]?.text).toMatch(/Проверьте/);
    const corrected = await core.say(id, "нет, комнат три");
    expect((await view(id)).slots.rooms).toBe(3);
    expect(corrected[0]?.text).toMatch(/3-комн/);
    expect((await view(id)).stage).toBe("confirm");
  });

  it("switches intent midway: the flat to value is not the flat to buy", async () => {
    const id = "test:switch";
    await core.say(id, "хочу купить однушку");
    await core.say(id, "а можно лучше оценить мою квартиру?");
    const state = await view(id);
    expect(state.slots).toEqual({ intent: "valuation", propertyType: "flat" });
    expect(state.stage).toBe("slots");
  });
  it("offers to loosen an empty search and shows what the loosening finds", async () => {
    const id = "test:relax";
    await core.say(id, "хочу купить двушку у Таганской до 12 млн, метров 50");
    await core.say(id, "не важно");
    const empty = await core.say(id, "да");
    expect(empty[0]?.text).toMatch(/ничего не нашлось/);
    expect(empty[0]?.buttons).toEqual([
      [{ text: "🔓 бюджет до 14,7 млн ₽ — найдётся 7", data: "relax:budget" }],
      [{ text: "📞 Позвоните мне", data: "contact:call" }],
    ]);

    const shown = await core.say(id, "", { button: "relax:budget", text: "🔓 бюджет до 14,7 млн ₽ — найдётся 7" });
    expect(shown[0]?.text).toMatch(/Нашёл 7 вариантов/);
    const searches = core.tools.calls.filter((call) => call.path === "/v1/search");
    expect(searches.at(-1)?.body).toMatchObject({ rooms: [2], budget: 12_000_000, relax: ["budget"] });
    const state = await view(id);
    expect(state.slots).toMatchObject({ rooms: 2, budget: 12_000_000, metro: "Таганская" });
    expect(state.results.relaxed).toEqual(["budget"]);

    expect((await core.say(id, "ещё"))[0]?.text).toMatch(/следующие/);
    expect(core.tools.calls.filter((call) => call.path === "/v1/search").at(-1)?.body).toMatchObject({
      relax: ["budget"],
      offset: 3,
    });
  });
});
