// The fake's editMessageReplyMarkup refuses what the real Bot API refuses, so tests catch wrong calls.
import { describe, expect, it } from "vitest";
import { createFakeInlineKeyboards } from "./fake-inline-keyboards.js";

const keyboard = { inline_keyboard: [[{ text: "Да", callback_data: "yes" }]] };

describe("fake editMessageReplyMarkup", () => {
  it("clears a keyboard once, then answers 'message is not modified'", () => {
    const fake = createFakeInlineKeyboards();
    fake.remember("5", 1, keyboard);
    expect(fake.keyboardOf(5, 1)).toEqual(keyboard);
    const clear = { chat_id: "5", message_id: 1, reply_markup: { inline_keyboard: [] } };
    expect(fake.editReplyMarkup(clear).status).toBe(200);
    expect(fake.keyboardOf(5, 1)).toBeUndefined();
    expect(fake.editReplyMarkup(clear).body).toMatchObject({ description: expect.stringMatching(/not modified/) });
  });

  it("refuses missing, misspelt and malformed parameters, and unknown messages", () => {
    const fake = createFakeInlineKeyboards();
    fake.remember("5", 1, keyboard);
    const refused = (params: Record<string, unknown>) => fake.editReplyMarkup(params).status;
    expect(refused({ message_id: 1, reply_markup: keyboard })).toBe(400);
    expect(refused({ chat_id: "5", reply_markup: keyboard })).toBe(400);
    expect(refused({ chat_id: "5", message_id: 1, markup: { inline_keyboard: [] } })).toBe(400);
    expect(refused({ chat_id: "5", message_id: 1, reply_markup: { keyboard: [] } })).toBe(400);
    expect(refused({ chat_id: "5", message_id: 1, reply_markup: { inline_keyboard: [[{ text: "Да" }]] } })).toBe(400);
    expect(refused({ chat_id: "5", message_id: 2, reply_markup: { inline_keyboard: [] } })).toBe(400);
  });
});
