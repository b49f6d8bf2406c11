// Splitting long replies: sentence boundaries first, never over the limit, nothing lost.
import { describe, expect, it } from "vitest";
import { splitText } from "./split-text.js";

describe("splitText", () => {
  it("leaves short text alone", () => {
    expect(splitText("Здравствуйте!")).toEqual(["Здравствуйте!"]);
  });

  it("cuts at the last sentence end within the limit", () => {
    const text = "Первое предложение. Второе предложение! Третье?";
    expect(splitText(text, 40)).toEqual(["Первое предложение. Второе предложение!", "Третье?"]);
  });

  it("prefers paragraphs to sentences", () => {
    const text = `${"а".repeat(30)}. ${"б".repeat(10)}\n\n${"в".repeat(20)}. Ещё.`;
    expect(splitText(text, 60)[0]).toBe(`${"а".repeat(30)}. ${"б".repeat(10)}`);
  });

  it("falls back to words, then to a hard cut that keeps surrogate pairs whole", () => {
    expect(splitText("слово ".repeat(20).trim(), 20).every((part) => part.length <= 20)).toBe(true);
    const emoji = "😀".repeat(10);
    const parts = splitText(emoji, 5);
    expect(parts.join("")).toBe(emoji);
    expect(parts.every((part) => !/[\ud800-\udbff]$/.test(part))).toBe(true);
  });

  it("never cuts a flag or a joined emoji in two", () => {
    const flag = `${"a".repeat(4094)}🇷🇺b`;
    expect(splitText(flag)).toEqual(["a".repeat(4094), "🇷🇺b"]);
    const family = `${"a".repeat(4090)}👨‍👩‍👧b`;
    expect(splitText(family)).toEqual(["a".repeat(4090), "👨‍👩‍👧b"]);
  });

  it("keeps every part within 4096 and loses no words", () => {
    const text = "Квартира у метро с ремонтом и видом на парк. ".repeat(300);
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 4096 && part.endsWith("."))).toBe(true);
    expect(parts.join(" ")).toBe(text.trim());
  });
});
