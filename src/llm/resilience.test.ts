// Backoff, circuit breaker, when the model is asked at all, and the styler's fact check.
import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff-delay.js";
import { createCircuitBreaker } from "./circuit-breaker.js";
import { needsModel } from "./llm-interpreter.js";
import { keepsFacts, protectedTokens } from "./reply-styler.js";
import { splitDocument } from "./knowledge-base.js";

describe("backoff", () => {
  it("doubles up to the cap, with half the delay random", () => {
    const low = { baseMs: 100, maxMs: 1000, random: () => 0 };
    const high = { ...low, random: () => 1 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, low))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, high))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe("circuit breaker", () => {
  it("opens after the threshold, half-opens after the cool-down with one trial, closes on success", () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 2, coolDownMs: 100, now: () => now });
    breaker.failed();
    expect(breaker.state()).toBe("closed");
    breaker.failed();
    expect(breaker.tryAcquire()).toBe(false);
    now = 100;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.succeeded();
    expect(breaker.state()).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("frees the trial when a call says nothing about the provider", () => {
    let now = 0;
    const breaker = createCircuitBreaker({ failureThreshold: 1, coolDownMs: 10, now: () => now });
    breaker.failed();
    now = 10;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.released();
    expect(breaker.tryAcquire()).toBe(true);
  });
});

describe("needs a model", () => {
  const message = (text: string, extra = {}) => ({ kind: "message" as const, texts: [text], ...extra });
  const unsure = { act: "none" as const, slots: {}, confidence: 0.3 };
  it("only for unsure rules on a real message", () => {
    expect(needsModel(message("хочется поближе к соколу"), unsure)).toBe(true);
    expect(needsModel(message("хочется поближе к соколу"), { ...unsure, confidence: 1 })).toBe(false);
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
