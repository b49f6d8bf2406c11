// Slot parsing from real client phrasing: each slot alone, several at once, the bot's expected slot, absent slots.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { slotsSchema, type Slots } from "@wewall/shared";
import { describe, expect, it } from "vitest";
import { createStationIndex } from "./create-station-index.js";
import { loadStationsCsv } from "./load-stations-csv.js";
import { parseSlots, type SlotContext } from "./parse-slots.js";
import { dataDir } from "./run-cli.js";

const stations = createStationIndex(
  loadStationsCsv(readFileSync(resolve(dataDir([]), "moscow_metro_stations_hh_2026.csv"), "utf8")),
);
const slots = (text: string, context: SlotContext = {}): Partial<Slots> => parseSlots(text, { stations, ...context });

describe("rooms", () => {
  it.each([
    ["ищу двушку", 2],
    ["нужна 2-к квартира", 2],
    ["2-комнатная", 2],
    ["2-х комнатная в хорошем районе", 2],
    ["однокомнатная", 1],
    ["трёхкомнатную рассматриваем", 3],
    ["студия", 0],
    ["студию до 8 млн", 0],
    ["трёшка", 3],
    ["однушку или студию", 1],
    ["3 комнаты", 3],
    ["две комнаты", 2],
    ["2к кв", 2],
    ["евродвушка", 2],
    ["нет, комнат три", 3],
    ["комнаты: 2", 2],
  ])("%s → %d", (text, rooms) => expect(slots(text).rooms).toBe(rooms));
});

describe("area", () => {
  it.each([
    ["45 квадратов", 45],
    ["сорок пять метров", 45],
    ["45 кв.м", 45],
    ["площадь 48 м² (жилая 30)", 48],
    ["кухня 10 м2, общая 45 м2", 45],
    ["общая площадь 62,5", 62.5],
    ["от 40 до 60 м2", 40],
    ["метров 50-60", 50],
    ["45/30/10 м2", 45],
    ["общ. 45, жил. 30, кухня 10", 45],
  ])("%s → %d", (text, area) => expect(slots(text).area).toBe(area));

  it("a distance in metres is not an area", () => {
    expect(slots("500 метров до метро").area).toBeUndefined();
  });
});

describe("floor and floorsTotal", () => {
  it.each([
    ["3/9", { floor: 3, floorsTotal: 9 }],
    ["5/9 эт.", { floor: 5, floorsTotal: 9 }],
    ["на пятом этаже из девяти", { floor: 5, floorsTotal: 9 }],
    ["5 этаж из 12", { floor: 5, floorsTotal: 12 }],
    ["этаж 7", { floor: 7 }],
    ["на 2-м этаже", { floor: 2 }],
    ["первый этаж", { floor: 1 }],
    ["девятиэтажный дом, 3 этаж", { floor: 3, floorsTotal: 9 }],
    ["в 12 этажном доме на 7 этаже", { floor: 7, floorsTotal: 12 }],
    ["дом 17 этажей", { floorsTotal: 17 }],
    ["дом не старше 2010 года, этажей 12 и больше", { floorsTotal: 12 }],
    ["этажность 9", { floorsTotal: 9 }],
    ["-1 этаж", { floor: -1 }],
    ["хочу на 2-м или 3-м этаже", { floor: 2 }],
    ["кв-ра 44,5 кв. м., эт. 3/5", { floor: 3, floorsTotal: 5, area: 44.5 }],
  ])("%s", (text, expected) => expect(slots(text)).toMatchObject(expected));

  it("«последний этаж» resolves only when the total is known", () => {
    expect(slots("последний этаж", { floorsTotal: 17 }).floor).toBe(17);
    expect(slots("на последнем, 9 этажей всего").floor).toBe(9);
    expect(slots("последний этаж").floor).toBeUndefined();
  });

  it("negations set nothing", () => {
    expect(slots("не первый и не последний этаж", { floorsTotal: 9 })).toEqual({});
  });

  it("answers to «На каком этаже?» need no word «этаж»", () => {
    expect(slots("5 из 9", { expect: "floor" })).toEqual({ floor: 5, floorsTotal: 9 });
    expect(slots("последний", { expect: "floor", floorsTotal: 12 })).toEqual({ floor: 12 });
    expect(slots("5 из 9")).not.toHaveProperty("floor");
  });
});

describe("budget", () => {
  it.each([
    ["до 12 млн", { budget: 12_000_000 }],
    ["12,5 млн руб", { budget: 12_500_000 }],
    ["не дороже 300 тыс в месяц", { budget: 300_000 }],
    ["бюджет от 10 до 15 млн", { budget: 15_000_000, budgetMin: 10_000_000 }],
    ["10-15 млн", { budget: 15_000_000, budgetMin: 10_000_000 }],
    ["от 20 млн", { budgetMin: 20_000_000 }],
    ["готовы потратить 2 млн 300 тыс", { budget: 2_300_000 }],
    ["за 60 тыс в месяц", { budget: 60_000 }],
    ["бюджет 15, хотим купить", { budget: 15_000_000 }],
    ["цена до 70, снимать на год", { budget: 70_000 }],
    ["полтора ляма", { budget: 1_500_000 }],
    ["бюджет миллионов двенадцать", { budget: 12_000_000 }],
    ["от 9 млн до 11", { budget: 11_000_000, budgetMin: 9_000_000 }],
    ["12-14 лямов", { budget: 14_000_000, budgetMin: 12_000_000 }],
    ["цена 15 500 000", { budget: 15_500_000 }],
  ])("%s", (text, expected) => expect(slots(text)).toEqual(expected));
});

describe("walkMinutes", () => {
  it.each([
    ["10 минут пешком до метро", 10],
    ["5 мин от м.", 5],
    ["полчаса пешком", 30],
    ["10-15 минут до метро", 15],
    ["не больше 15 минут пешком", 15],
    ["Квартира у Тульской, 7 минут", 7],
    ["минут десять пешком", 10],
  ])("%s → %d", (text, minutes) => expect(slots(text).walkMinutes).toBe(minutes));

  it.each([["в пешей доступности от метро"], ["20 минут на транспорте"], ["перезвоните через 10 минут"]])(
    "%s leaves it unset",
    (text) => expect(slots(text).walkMinutes).toBeUndefined(),
  );
});

describe("metro", () => {
  it.each([
    ["у Таганской", "Таганская"],
    ["м. Таганская", "Таганская"],
    ["на Бауманской", "Бауманская"],
    ["в районе Парка культуры", "Парк культуры"],
    ["ВДНХ", "ВДНХ"],
    ["рядом с Китай-городом", "Китай-город"],
    ["Щёлковская", "Щелковская"],
    ["метро Сокол", "Сокол"],
    ["недалеко от Новых Черёмушек", "Новые Черемушки"],
  ])("%s → %s", (text, metro) => expect(slots(text).metro).toBe(metro));

  it("common words that are station names need a metro cue, unless the bot has just asked for the station", () => {
    expect(slots("хочу отдых и тишину").metro).toBeUndefined();
    expect(slots("у метро Отдых").metro).toBe("Отдых");
    expect(slots("Сокол").metro).toBeUndefined();
    for (const [answer, station] of [
      ["Сокол", "Сокол"],
      ["на Соколе", "Сокол"],
      ["в районе Сокола", "Сокол"],
      ["Динамо", "Динамо"],
      ["Аэропорт", "Аэропорт"],
      ["Университет", "Университет"],
      ["Спортивная", "Спортивная"],
    ]) {
      expect(slots(answer ?? "", { expect: "metro" }).metro, answer).toBe(station);
    }
  });

  it.each([
    ["Маяковка", "Маяковская"],
    ["у Новослободки", "Новослободская"],
    ["на Смоленке", "Смоленская"],
    ["Китайгород", "Китай-город"],
  ])("the nickname %s → %s", (text, metro) => expect(slots(text).metro).toBe(metro));

  it("numbers inside a station name are not quantities", () => {
    expect(slots("у Площади трёх вокзалов", { expect: "rooms" })).toEqual({ metro: "Площадь трёх вокзалов" });
  });
});

describe("phone", () => {
  it.each([["8 (916) 123-45-67"], ["+7 916 1234567"], ["89161234567"], ["мой номер +7(916)123-45-67, звоните"]])(
    "%s",
    (text) => expect(slots(text).phone).toBe("+79161234567"),
  );
});

describe("a bare number answers the expected slot", () => {
  it.each<[string, SlotContext, Partial<Slots>]>([
    ["45", { expect: "area" }, { area: 45 }],
    ["сорок два с половиной", { expect: "area" }, { area: 42.5 }],
    ["третий", { expect: "floor" }, { floor: 3 }],
    ["2", { expect: "rooms" }, { rooms: 2 }],
    ["10", { expect: "walkMinutes" }, { walkMinutes: 10 }],
    ["15", { expect: "budget", dealType: "sale" }, { budget: 15_000_000 }],
    ["15,5", { expect: "budget", dealType: "sale" }, { budget: 15_500_000 }],
    ["60", { expect: "budget", dealType: "rent" }, { budget: 60_000 }],
    ["2,5 млн", { expect: "budget", dealType: "rent" }, { budget: 2_500_000 }],
    ["45", { expect: "rooms" }, {}],
    ["десятый", { expect: "walkMinutes" }, {}],
    ["на пятом", { expect: "floor" }, { floor: 5 }],
    ["двадцать пять", { expect: "floorsTotal" }, { floorsTotal: 25 }],
    ["300", { expect: "walkMinutes" }, {}],
    ["45", {}, {}],
    ["двушку до 15", { dealType: "sale" }, { rooms: 2, budget: 15_000_000 }],
    ["двушку до 15", {}, { rooms: 2 }],
  ])("%s with %j", (text, context, expected) => expect(slots(text, context)).toEqual(expected));
});

describe("several slots in one message", () => {
  it("a full request", () => {
    expect(slots("Ищу двушку у Таганской, 55-60 м2, не первый этаж, 10 мин пешком, бюджет до 18 млн")).toEqual({
      rooms: 2,
      metro: "Таганская",
      area: 55,
      walkMinutes: 10,
      budget: 18_000_000,
    });
  });

  it("a listing-style line", () => {
    expect(slots("2-к, 45 кв.м, 5/9 эт., м. Бауманская 7 минут пешком, 14,5 млн")).toEqual({
      rooms: 2,
      area: 45,
      floor: 5,
      floorsTotal: 9,
      metro: "Бауманская",
      walkMinutes: 7,
      budget: 14_500_000,
    });
  });

  it("nothing numeric, nothing guessed", () => {
    expect(slots("здравствуйте, хочу купить квартиру")).toEqual({});
  });
});

describe("garbage", () => {
  it("returns on 1 MB of numbers, floor words and punctuation (look-around is bounded)", () => {
    const pieces = [
      "1",
      ",",
      "9-этажный",
      " ",
      "последний",
      "не",
      "этаж",
      "м.",
      "Сокол",
      "5 мин",
      "/",
      "от",
      "-",
      "🙂",
    ];
    let text = "";
    for (let k = 0; text.length < 1_000_000; k++) text += pieces[(k * 7 + (k >> 3)) % pieces.length];
    const result = slots(text, { expect: "floor", floorsTotal: 9 });
    expect(result.metro).toBe("Сокол");
    expect(typeof result.floorsTotal).toBe("number");
  });

  it.each([[""], ["\u0000\u0001"], ["🙂".repeat(1000)], ["9".repeat(5000)], ["м. м. м."]])(
    "%j gives no slots",
    (text) => {
      expect(slots(text)).toEqual({});
    },
  );

  it("never throws and keeps to the slot contract on 5 000 random strings of digits, Russian, Latin, punctuation, emoji and lone surrogates", () => {
    const alphabet = "0123456789 ,.-/+()₽$кмтысячдвеполтораэтажмин\u0000\ud83d\ude42\ud800abcxyz²\u00a0\u202f";
    let seed = 42;
    for (let n = 0; n < 5000; n++) {
      let text = "";
      const length = n % 200;
      for (let k = 0; k < length; k++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        text += alphabet.charAt(seed % alphabet.length);
      }
      const result = slots(text, { expect: (["area", "floor", "budget"] as const)[n % 3], floorsTotal: 5 });
      // Whatever comes out must satisfy the core's slot contract.
      expect(slotsSchema.safeParse(result).success, JSON.stringify([text, result])).toBe(true);
    }
  });
});
