// When the model is asked at all, the styler's fact check, and how knowledge documents are split.
import { describe, expect, it } from "vitest";
import { needsModel } from "./llm-interpreter.js";
import { keepsFacts, protectedTokens } from "./reply-styler.js";
import { splitDocument } from "./knowledge-base.js";

describe("needs a model", () => {
  const message = (text: string, extra = {}) => ({ kind: "message" as const, texts: [text], ...extra });
  const unsure = { act: "none" as const, slots: {}, confidence: 0.3 };
  it("only for unsure rules on a real message", () => {
    expect(needsModel(message("хочется поближе ксоколу"), unsure)).toBe(true);
    expect(needsModel(message("хочется поближе ксоколу"), { ...unsure, confidence: 1 })).toBe(false);
    expect(needsModel(message("Привет! Добрый день"), unsure)).toBe(false);
    expect(needsModel(message("x", { button: "more" }), unsure)).toBe(false);
    expect(needsModel({ kind: "resume", texts: [] }, unsure)).toBe(false);
  });
});

describe("styler fact check", () => {
  const original =
    "Проверьте, всё ли я правильно понял:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Таганская\n\nВсё верно?";
  it("protects figures, names and units", () => {
    expect(protectedTokens(original)).toEqual(expect.arrayContaining(["15 000 000", "Таганская", "₽"]));
  });
  it("keeps a rephrasing with every figure and name, rejects one that loses or adds any", () => {
    expect(keepsFacts(original, "Давайте сверимся:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Таганская\nВсё так?")).toBe(
      true,
    );
    expect(keepsFacts(original, "Сверимся: бюджет до 15 млн ₽, метро Таганская. Так?")).toBe(false);
    expect(keepsFacts(original, "Сверимся:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Курская")).toBe(false);
    expect(keepsFacts(original, "Сверимся: • Бюджет: до 15 000 000 ₽ • Метро: м. Таганская, скидка 10%")).toBe(false);
  });
});

describe("knowledge documents", () => {
  it("split into one passage per section, titled by the document", () => {
    const passages = splitDocument("a.md", "# Комиссия\n\nВступление.\n\n## Покупка\n\n2% от цены.\n\n## Пусто\n");
    expect(passages).toEqual([
      { id: "a.md#1", source: "a.md", title: "Комиссия", heading: "", body: "Вступление." },
      { id: "a.md#2", source: "a.md", title: "Комиссия", heading: "Покупка", body: "2% от цены." },
    ]);
  });
});
