// The funnel graph on MemorySaver with in-memory tools: the turn-by-turn behaviour without a database.
import { MemorySaver } from "@langchain/langgraph";
import { parseSlots } from "@wewall/ru-numbers";
import type { SearchRequest } from "@wewall/shared";
import { describe, expect, it } from "vitest";
import { createRuleInterpreter } from "../nlu/rule-interpreter.js";
import type { FunnelTools } from "./configuration.js";
import { buildFunnelGraph } from "./graph.js";
import { prompts } from "./prompts/index.js";

const searches: SearchRequest[] = [];
const tools: FunnelTools = {
  async valuate() {
    return { price: 20_000_000, pricePerM2: 300_000, low: 19_000_000, high: 21_000_000, analogs: [], adjustments: [] };
  },
  async investment() {
    return {
      purchasePrice: 20_000_000,
      monthlyRent: 90_000,
      grossYield: 0.054,
      netYield: 0.04,
      paybackYears: 18.5,
      irr: 0.06,
      horizonYears: 10,
      assumptions: {},
    };
  },
  async search(request) {
    searches.push(request);
    return { items: [], total: 0, relax: [{ filter: "budget", priceMax: 18_000_000, total: 12 }] };
  },
};

function dialog() {
  const graph = buildFunnelGraph({ interpreter: createRuleInterpreter({ parseSlots }), tools }).compile({
    checkpointer: new MemorySaver(),
  });
  const thread = { configurable: { thread_id: String(Math.random()) } };
  return async (text: string, button?: string) =>
    graph.invoke({ turn: { kind: "message", texts: [text], ...(button ? { button } : {}) } }, thread);
}

describe("funnel graph", () => {
  it("values a flat end to end and asks for the contact", async () => {
    const say = dialog();
    expect((await say("Здравствуйте")).stage).toBe("greeting");
    expect((await say("Оценить", "intent:valuation")).replies[0]?.text).toMatch(/Что оцениваем/);
    await say("Квартира", "propertyType:flat");
    await say("трёшка");
    await say("72,5 метра");
    await say("не важно");
    const floors = await say("7 этаж из 12");
    expect(floors.slots).toMatchObject({ rooms: 3, area: 72.5, floor: 7, floorsTotal: 12 });
    expect(floors.stage).toBe("confirm");
    const valued = await say("да");
    expect(valued.replies[0]?.text).toMatch(/Оценка: 20\s000\s000 ₽/);
    expect(valued.replies[0]?.text).toMatch(/90\s000 ₽ в месяц/);
    expect(valued.replies[1]?.requestPhone).toBe(true);
    expect(valued.stage).toBe("contact");
  });

  it("offers what to relax when nothing is found, and searches again with the loosening the client picks", async () => {
    const say = dialog();
    await say("хочу купить студию до 5 млн");
    await say("25 метров");
    await say("не важно");
    const found = await say("да");
    expect(found.replies[0]?.text).toMatch(/ничего не нашлось/);
    expect(found.replies[0]?.buttons).toEqual([
      [{ text: "🔓 бюджет до 18 млн ₽ — найдётся 12", data: "relax:budget" }],
      [{ text: "📞 Позвоните мне", data: "contact:call" }],
    ]);
    expect(searches.at(-1)).toMatchObject({ dealType: "sale", rooms: [0], budget: 5_000_000 });
    expect(searches.at(-1)?.relax).toBeUndefined();

    const relaxed = await say("🔓 бюджет до 18 млн ₽ — найдётся 12", "relax:budget");
    expect(searches.at(-1)).toMatchObject({ rooms: [0], budget: 5_000_000, relax: ["budget"], offset: 0 });
    expect(relaxed.results?.relaxed).toEqual(["budget"]);
    await say("ещё");
    expect(searches.at(-1)?.relax).toEqual(["budget"]);

    await say("нет, бюджет 7 млн");
    await say("да");
    expect(searches.at(-1)).toMatchObject({ budget: 7_000_000 });
    expect(searches.at(-1)?.relax).toBeUndefined();
  });

  it("rejects an impossible floor politely and keeps asking", async () => {
    const say = dialog();
    await say("оценить квартиру");
    await say("двушка 50 метров");
    await say("не важно");
    await say("этажей 5");
    const state = await say("9");
    expect(state.slots.floor).toBeUndefined();
    expect(state.replies[0]?.text).toMatch(/Этаж не может быть выше/);
  });

  it("starts over on /start and hands off to a manager on request", async () => {
    const say = dialog();
    await say("хочу снять однушку");
    const restarted = await say("/start");
    expect(restarted.slots).toEqual({});
    expect(restarted.replies[0]?.text).toMatch(/Начнём сначала/);
    const handed = await say("соедините с менеджером");
    expect(handed.owner).toBe("manager");
  });

  it("passes a free question on and offers the funnel", async () => {
    const say = dialog();
    const answer = await say("А вы работаете по выходным?");
    expect(answer.stage).toBe("question");
    expect(answer.replies[0]?.buttons?.flat().length).toBe(4);
  });
  it("starts a new errand from what the client says, not from the other property's details", async () => {
    const say = dialog();
    await say("хочу купить двушку у Таганской до 15 млн, метров 50");
    const switched = await say("а сколько стоит моя квартира?");
    expect(switched.slots.intent).toBe("valuation");
    expect(switched.slots).not.toHaveProperty("rooms");
    expect(switched.slots).not.toHaveProperty("budget");
    expect(switched.slots).not.toHaveProperty("metro");

    const renting = dialog();
    await renting("хочу купить двушку до 15 млн");
    const monthly = await renting("а если снять?");
    expect(monthly.slots.dealType).toBe("rent");
    expect(monthly.slots).not.toHaveProperty("budget");
    expect(monthly.slots.rooms).toBe(2);
  });

  // A valuation dialog up to the question for the phone.
  async function valuedUpToThePhone() {
    const say = dialog();
    for (const text of ["оценить квартиру", "двушка 50 метров", "не важно", "5 этаж из 9", "да"]) await say(text);
    return say;
  }

  it("creates no lead when the client refuses consent", async () => {
    const say = await valuedUpToThePhone();
    await say("+7 916 123-45-67");
    await say("Иван");
    const refused = await say("нет, не согласен");
    expect(refused.slots.consent).toBe(false);
    expect(refused.leadId).toBeNull();
  });

  it("takes no for an answer to the phone question, and the phone when the client changes their mind", async () => {
    const say = await valuedUpToThePhone();
    const refused = await say("не хочу оставлять номер");
    expect(refused.replies[0]?.text).toMatch(/без телефона/);
    expect(refused.pending).toEqual({ kind: "contact", field: "phone" });
    expect((await say("ладно, 8 916 123-45-67")).replies[0]?.text).toMatch(/обращаться/);
  });
  it("takes 'позвоните мне' at any step: the contact first, then a lead with what is known", async () => {
    const say = dialog();
    await say("хочу купить двушку");
    const asked = await say("лучше позвоните мне");
    expect(asked.replies[0]?.requestPhone).toBe(true);
    await say("+7 916 123-45-67");
    await say("Иван");
    const lead = await say("да");
    expect(lead.leadId).not.toBeNull();
    expect(lead.slots).toMatchObject({ rooms: 2, phone: "+79161234567", name: "Иван", consent: true });
    expect(lead.callRequested).toBe(false);
  });

  it("drops the call request when the client declines the phone, and goes on with the funnel", async () => {
    const say = dialog();
    await say("хочу купить двушку");
    await say("позвоните мне");
    const declined = await say("не хочу оставлять номер");
    expect(declined.callRequested).toBe(false);
    expect(declined.replies[0]?.text).toMatch(/^Хорошо, без звонка\.\n\nКакая площадь/);
    expect((await say("55 метров")).slots.area).toBe(55);
  });

  it("answers a declined phone once when the call was asked for after the results", async () => {
    const say = await valuedUpToThePhone();
    await say("позвоните мне");
    const declined = await say("не хочу оставлять номер");
    expect(declined.replies.map((reply) => reply.text)).toEqual([prompts.noPhone]);
  });

  it("does not take 'не надо мне звонить' for a request to call", async () => {
    const say = dialog();
    await say("хочу купить двушку");
    const reply = await say("не надо мне звонить");
    expect(reply.callRequested).toBe(false);
    expect(reply.replies.some((r) => r.requestPhone)).toBe(false);
  });
});
