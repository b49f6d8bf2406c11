// Slot support: a model's slot is kept only when the message carries it and the funnel's validators accept it.
import { describe, expect, it } from "vitest";
import { supportedSlots } from "./supported-slots.js";

const stations = ["Сокол", "Курская", "Бауманская", "Таганская"];
const deps = {
  findStations: (text: string) => stations.filter((name) => text.toLowerCase().includes(name.toLowerCase())),
};

describe("supported slots", () => {
  it("keeps numbers the message says, in words or digits, and a known station it names", () => {
    const text = "хочу что-то недалеко от центра, чтобы до работы на Курской было минут двадцать";
    expect(supportedSlots({ metro: "Курская", walkMinutes: 20 }, text, {}, deps)).toEqual({
      metro: "Курская",
      walkMinutes: 20,
    });
  });

  it("drops invented numbers and unknown or unmentioned stations", () => {
    expect(supportedSlots({ budget: 20_000_000, metro: "Сокол" }, "что-нибудь недорогое", {}, deps)).toEqual({});
    expect(supportedSlots({ metro: "Хогвартс" }, "у хогвартса", {}, deps)).toEqual({});
  });

  it("reads a bare budget as millions only when its digits are in the message", () => {
    expect(supportedSlots({ budget: 15_000_000 }, "бюджет 15", {}, deps)).toEqual({ budget: 15_000_000 });
    expect(supportedSlots({ budget: 16_000_000 }, "бюджет 15", {}, deps)).toEqual({});
  });

  it("takes rooms from words and deal types only with a cue", () => {
    expect(supportedSlots({ rooms: 2 }, "нужна двушка", {}, deps)).toEqual({ rooms: 2 });
    expect(supportedSlots({ dealType: "rent" }, "нужна двушка", {}, deps)).toEqual({});
    expect(supportedSlots({ dealType: "rent" }, "двушку в аренду", {}, deps)).toEqual({ dealType: "rent" });
  });

  it("rejects what the schema or the step validators reject", () => {
    expect(supportedSlots({ rooms: 99 }, "99 комнат", {}, deps)).toEqual({});
    expect(supportedSlots({ rooms: "2" }, "2 комнаты", {}, deps)).toEqual({});
    expect(supportedSlots({ floor: 12 }, "на 12 этаже", { floorsTotal: 9 }, deps)).toEqual({});
    expect(supportedSlots({ floor: 5 }, "на 5 этаже", { floorsTotal: 9 }, deps)).toEqual({ floor: 5 });
  });
});
