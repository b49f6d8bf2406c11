// What makes a model-written handoff note unusable: empty, too long, a contact, or a figure nobody said.
import { describe, expect, it } from "vitest";
import { acceptSummary, MAX_SUMMARY_CHARS } from "./accept-summary.js";

const dialog = "Клиент: ищу двушку у метро Сокол до 15 млн\nБот: Сколько минут пешком до метро?\nКлиент: минут 10";

describe("acceptSummary", () => {
  it("keeps a summary whose figures all come from the dialog, in any spelling", () => {
    const summary = "Клиент ищет двухкомнатную квартиру у м. Сокол, бюджет до 15 000 000 ₽, до 10 минут пешком.";
    expect(acceptSummary(`  ${summary}\n`, [dialog])).toBe(summary);
  });

  it("rejects a figure that is in neither the dialog nor the funnel data", () => {
    expect(acceptSummary("Клиент ищет квартиру до 18 млн у м. Сокол.", [dialog])).toBeNull();
    expect(acceptSummary("Клиент ищет квартиру до 18 млн у м. Сокол.", [dialog, "бюджет до 18 000 000 ₽"])).toBe(
      "Клиент ищет квартиру до 18 млн у м. Сокол.",
    );
  });

  it("rejects an empty or overlong answer and any phone number or e-mail", () => {
    expect(acceptSummary("  ", [dialog])).toBeNull();
    expect(acceptSummary("а".repeat(MAX_SUMMARY_CHARS + 1), [dialog])).toBeNull();
    expect(acceptSummary("Перезвонить клиенту: +7 (999) 000-11-22.", [dialog, "+7 (999) 000-11-22"])).toBeNull();
    expect(acceptSummary("Почта клиента: ivan@example.ru.", [dialog])).toBeNull();
  });
});
