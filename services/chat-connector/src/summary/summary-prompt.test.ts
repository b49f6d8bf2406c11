// The dialog as the model sees it: authors named, contacts masked, the newest part kept when it is long.
import { describe, expect, it } from "vitest";
import { dialogForModel, maskContacts, summaryRequest } from "./summary-prompt.js";

const entry = (id: number, author: "client" | "bot" | "manager", text: string) => ({
  id,
  author,
  text,
  at: "2026-01-01T10:00:00Z",
});

describe("maskContacts", () => {
  it("masks phone numbers in any common spelling and e-mails, and leaves prices and areas alone", () => {
    expect(maskContacts("мой номер +7 (999) 000-11-22, запасной 89990001122")).toBe(
      "мой номер [телефон], запасной [телефон]",
    );
    expect(maskContacts("пишите на ivan.petrov@mail.ru")).toBe("пишите на [почта]");
    expect(maskContacts("+44 20 7946 0958 или 8-999-000-11-22")).toBe("[телефон] или [телефон]");
    const prices = "от 8 500 000 до 1 500 000 000 ₽, 54.5 м², 3 комнаты, 77 000 000";
    expect(maskContacts(prices)).toBe(prices);
  });
});

describe("dialogForModel", () => {
  it("writes one line per message with its author and no contacts", () => {
    const text = dialogForModel([
      entry(1, "client", "Здравствуйте,\nищу квартиру"),
      entry(2, "bot", "Какой бюджет?"),
      entry(3, "client", "до 15 млн, мой телефон 8 999 000 11 22"),
      entry(4, "manager", "Добрый день!"),
    ]);
    expect(text).toBe(
      [
        "Клиент: Здравствуйте, ищу квартиру",
        "Бот: Какой бюджет?",
        "Клиент: до 15 млн, мой телефон [телефон]",
        "Менеджер: Добрый день!",
      ].join("\n"),
    );
  });

  it("keeps the newest messages of a long dialog", () => {
    const entries = Array.from({ length: 400 }, (_, i) => entry(i, "client", `сообщение номер ${i} `.repeat(3)));
    const text = dialogForModel(entries);
    expect(text.length).toBeLessThanOrEqual(6000);
    expect(text.endsWith("сообщение номер 399")).toBe(true);
    expect(text).not.toContain("сообщение номер 0 ");
  });
});

describe("summaryRequest", () => {
  it("gives the funnel's data and the dialog, masking any contact in the data too", () => {
    expect(summaryRequest("Имя: Ирина. Телефон +79990001122.", "Клиент: привет")).toBe(
      "Данные воронки:\nИмя: Ирина. Телефон [телефон].\n\nПереписка:\nКлиент: привет",
    );
  });
});
