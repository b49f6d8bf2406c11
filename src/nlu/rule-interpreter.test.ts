// The rule NLU on real client phrasing: acts, intents, choices, names, consent.
import { parseSlots } from "@wewall/ru-numbers";
import { describe, expect, it } from "vitest";
import type { Pending, Stage } from "../graph/state.js";
import { createRuleInterpreter } from "./rule-interpreter.js";

const interpreter = createRuleInterpreter({ parseSlots, nearestStation: () => "Курская" });
const read = (text: string, stage: Stage = "slots", pending: Pending = null, extra = {}) =>
  interpreter.interpret({ kind: "message", texts: [text], ...extra }, { stage, pending, slots: {} });

describe("rule interpreter", () => {
  it.each([
    ["да", "agree"],
    ["Да, всё верно", "agree"],
    ["ок", "agree"],
    ["назад", "back"],
    ["верни к бюджету", "back"],
    ["не важно", "skip"],
    ["без разницы", "skip"],
    ["позовите менеджера", "handoff"],
    ["хочу поговорить с живым человеком", "handoff"],
    ["/start", "restart"],
    ["начать заново", "restart"],
    ["ещё варианты", "more"],
  ])("%s → %s", async (text, act) => {
    const stage = act === "more" ? "results" : "slots";
    expect((await read(text, stage)).act).toBe(act);
  });

  it.each(["Не пишите мне", "отпишись", "Не присылайте больше ничего", "хватит мне писать!", "не надо мне писать"])(
    "%s → unsubscribe",
    async (text) => expect((await read(text, "results")).act).toBe("unsubscribe"),
  );

  it.each(["не буду писать номер", "я отпишу вам завтра", "отпишусь позже", "пишите в любое время"])(
    "%s is not a request for silence",
    async (text) => expect((await read(text)).act).not.toBe("unsubscribe"),
  );

  it("reads a correction at the confirmation as disagreement with new values", async () => {
    const meaning = await read("нет, комнат три", "confirm");
    expect(meaning.act).toBe("disagree");
  });

  it("names the slot to go back to", async () => {
    expect((await read("верни к бюджету")).backTo).toBe("budget");
    expect((await read("назад к метро")).backTo).toBe("metro");
    expect((await read("назад")).backTo).toBeUndefined();
  });

  it.each([
    ["хочу купить квартиру", "search", "sale", "flat"],
    ["сниму офис", "search", "rent", "office"],
    ["хочу оценить свою квартиру", "valuation", undefined, "flat"],
    ["нужно торговое помещение в аренду", "search", "rent", "retail"],
  ])("%s → intent %s, deal %s, type %s", async (text, intent, dealType, propertyType) => {
    const meaning = await read(text, "greeting");
    expect(meaning.intent).toBe(intent);
    expect(meaning.slots.dealType).toBe(dealType);
    expect(meaning.slots.propertyType).toBe(propertyType);
  });

  it("infers buying from a budget in millions and never a deal type from nothing", async () => {
    expect((await read("двушку до 15 млн")).slots.dealType).toBe("sale");
    expect((await read("двушку")).slots.dealType).toBeUndefined();
  });

  it("takes button data as exact choices", async () => {
    expect((await read("Купить", "slots", null, { button: "dealType:sale" })).slots).toEqual({ dealType: "sale" });
    expect((await read("Студия", "slots", null, { button: "rooms:0" })).slots).toEqual({
      rooms: 0,
      propertyType: "flat",
    });
    expect((await read("Оценить", "greeting", null, { button: "intent:valuation" })).intent).toBe("valuation");
    expect((await read("Да", "confirm", null, { button: "confirm:yes" })).act).toBe("agree");
  });

  it("takes a name when it was asked, and from an introduction anywhere", async () => {
    expect((await read("анна", "contact", { kind: "contact", field: "name" })).slots.name).toBe("Анна");
    expect((await read("Меня зовут Пётр, звоните после 18")).slots.name).toBe("Пётр");
    expect(
      (await read("позвоните мне завтра", "contact", { kind: "contact", field: "name" })).slots.name,
    ).toBeUndefined();
  });

  it("reads consent only when it was asked", async () => {
    expect((await read("да", "contact", { kind: "contact", field: "consent" })).slots.consent).toBe(true);
    expect((await read("нет", "contact", { kind: "contact", field: "consent" })).slots.consent).toBe(false);
    expect((await read("да", "confirm")).slots.consent).toBeUndefined();
  });

  it("turns a shared location into the nearest metro station and a shared contact into the phone", async () => {
    const meaning = await read("📍", "slots", null, {
      location: { lat: 55.758, lon: 37.659 },
      userPhone: "+7 916 123 45 67",
    });
    expect(meaning.slots).toMatchObject({ metro: "Курская", phone: "+79161234567" });
  });

  it("is unsure of a message it cannot read", async () => {
    expect((await read("ммм ну такое")).confidence).toBeLessThan(1);
  });
  describe("the way clients actually say it", () => {
    it.each([
      ["не верно", "confirm", "disagree"],
      ["не правильно", "confirm", "disagree"],
      ["не подходит", "confirm", "disagree"],
      ["не всё верно", "confirm", "disagree"],
      ["неа", "confirm", "disagree"],
      ["не", "confirm", "disagree"],
      ["+", "confirm", "agree"],
      ["👍", "confirm", "agree"],
      ["норм", "confirm", "agree"],
      ["устраивает", "confirm", "agree"],
      ["нет, не важно", "slots", "skip"],
      ["да без разницы", "slots", "skip"],
      ["нет предпочтений", "slots", "skip"],
      ["не принципиально", "slots", "skip"],
      ["давайте вернёмся к площади", "slots", "back"],
      ["вернёмся к бюджету", "slots", "back"],
      ["давайте заново", "slots", "restart"],
      ["давай по новой", "slots", "restart"],
      ["начнём сначала", "slots", "restart"],
      ["не нужно менеджера", "slots", "none"],
      ["без менеджера, пожалуйста", "slots", "none"],
      ["не хочу с менеджером общаться", "slots", "none"],
      ["хочу с риелтором поговорить", "slots", "handoff"],
      ["позвоните мне", "slots", "call"],
      ["перезвоните завтра после 18", "results", "call"],
      ["свяжитесь со мной", "confirm", "call"],
      ["не надо мне перезванивать", "results", "none"],
    ] as const)("%s (at %s) → %s", async (text, stage, act) => {
      expect((await read(text, stage)).act).toBe(act);
    });

    it("takes a bare no to a question as no preference", async () => {
      expect((await read("нет", "slots", { kind: "slot", slot: "floor" })).act).toBe("skip");
      expect((await read("нет", "confirm")).act).toBe("disagree");
    });

    it.each([
      ["нужна двушка", "search"],
      ["ищем квартиру", "search"],
      ["хочу двушку", "search"],
      ["интересует однушка у Сокола", "search"],
      ["Покажите однушки у метро Динамо", "search"],
      ["есть ли студии до 8 млн?", "search"],
      ["У вас есть трешки?", "search"],
      ["давайте лучше снимем", "search"],
      ["подскажите цену моей квартиры", "valuation"],
      ["хочу узнать рыночную стоимость квартиры", "valuation"],
      ["Сколько может стоить моя двушка?", "valuation"],
      ["Какая комиссия при покупке квартиры?", "question"],
      ["Вы работаете по выходным?", "question"],
    ])("at the start, %s → %s", async (text, intent) => {
      expect((await read(text, "greeting")).intent).toBe(intent);
    });

    it("reads the budget with the deal named in the same message", async () => {
      expect((await read("хочу купить двушку до 15", "greeting")).slots).toMatchObject({
        dealType: "sale",
        budget: 15_000_000,
      });
      expect((await read("снять однушку до 50", "greeting")).slots).toMatchObject({ dealType: "rent", budget: 50_000 });
      expect((await read("в ипотеку", "slots")).slots.dealType).toBe("sale");
      expect((await read("новостройка", "slots")).slots.propertyType).toBe("flat");
    });

    it("records a refusal of consent as a refusal", async () => {
      const consent = { kind: "contact", field: "consent" } as const;
      for (const text of ["не согласна", "я не согласен", "нет, не согласен", "не даю согласия"]) {
        expect((await read(text, "contact", consent)).slots.consent, text).toBe(false);
      }
      expect((await read("согласна", "contact", consent)).slots.consent).toBe(true);
    });

    it.each([
      ["Я Ольга", "Ольга"],
      ["Это Ольга", "Ольга"],
      ["Зовите Саша", "Саша"],
      ["можно просто Саша", "Саша"],
      ["Иван 😊", "Иван"],
      ["Дмитрий, лучше после 18", "Дмитрий"],
    ])("takes the name out of %s", async (text, name) => {
      expect((await read(text, "contact", { kind: "contact", field: "name" })).slots.name).toBe(name);
    });

    it("takes a lower-case name after an introduction", async () => {
      expect((await read("меня зовут анна")).slots.name).toBe("Анна");
    });
  });
});
