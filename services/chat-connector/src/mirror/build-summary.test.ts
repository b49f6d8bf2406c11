// The handoff note reads like a manager would write it and only states what the funnel collected.
import { describe, expect, it } from "vitest";
import { buildSummary } from "./build-summary.js";

describe("buildSummary", () => {
  it("summarises a search request in Russian", () => {
    const text = buildSummary({
      reason: "client_request",
      stage: "confirm",
      clientMessages: 7,
      slots: {
        intent: "search",
        dealType: "sale",
        propertyType: "flat",
        rooms: 2,
        budget: 15_000_000,
        metro: "Академическая",
        walkMinutes: 10,
        name: "Ирина",
      },
    });
    expect(text).toBe(
      [
        "Диалог передан менеджеру (client_request).",
        "Запрос: подбор объекта, покупка, квартира.",
        "Параметры: 2-комн., бюджет до 15 000 000 ₽, м. Академическая, 10 мин пешком.",
        "Имя: Ирина.",
        "Этап воронки: confirm. Сообщений клиента: 7.",
      ].join("\n"),
    );
  });

  it("says little when little is known, and never includes the phone", () => {
    const text = buildSummary({
      reason: undefined,
      stage: undefined,
      clientMessages: 1,
      slots: { phone: "+79990001122" },
    });
    expect(text).toBe("Диалог передан менеджеру.\nЭтап воронки: начало. Сообщений клиента: 1.");
  });
});
