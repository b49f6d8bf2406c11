// Telegram objects → the core's incoming message: ids, users, phones, locations, buttons, edits.
import type { CallbackQuery, Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { chatIdOfUpdate } from "./convert-update.js";
import {
  convertCallback,
  convertContact,
  convertLocation,
  convertStart,
  convertText,
  messageIdOf,
  normalizePhone,
  pressedMessageId,
} from "./convert-message.js";

const message: Message = {
  message_id: 7,
  date: 1,
  chat: { id: 55, type: "private", first_name: "Иван" },
  from: { id: 55, is_bot: false, first_name: "Иван", last_name: "Петров", username: "ivan" },
  text: "привет",
};

describe("convert-message", () => {
  it("keys a message by chat and message id, and an edit by its edit time", () => {
    expect(messageIdOf(message)).toBe("tg:55:7");
    expect(messageIdOf({ ...message, edit_date: 99 })).toBe("tg:55:7:e99");
    expect(convertText({ ...message, edit_date: 99 }, "исправлено")).toMatchObject({
      edited: true,
      messageId: "tg:55:7:e99",
    });
  });

  it("carries the user without inventing fields", () => {
    expect(convertText(message, "привет")).toEqual({
      messageId: "tg:55:7",
      text: "привет",
      channel: "telegram",
      user: { id: "55", name: "Иван Петров", username: "ivan" },
    });
  });

  it("records the deep-link payload of /start as the source", () => {
    expect(convertStart(message, "partner_42")).toMatchObject({ text: "/start", source: "partner_42" });
    expect(convertStart(message, "")).not.toHaveProperty("source");
  });

  it("puts a shared phone in the text, and on the user only when it is the client's own, normalised", () => {
    const own = { phone_number: "7 999 123-45-67", first_name: "Иван", user_id: message.from?.id ?? 0 };
    const converted = convertContact(message, own);
    expect(converted.text).toBe("+79991234567");
    expect(converted.user?.phone).toBe("+79991234567");
    const relative = convertContact(message, { phone_number: "7 999 765-43-21", first_name: "Мария", user_id: 99 });
    expect(relative.text).toBe("+79997654321");
    expect(relative.user).not.toHaveProperty("phone");
    expect(convertContact(message, { phone_number: "79991234567", first_name: "Без id" }).user).not.toHaveProperty(
      "phone",
    );
    expect(normalizePhone("+7 (999) 000-11-22")).toBe("+79990001122");
  });

  it("passes a location as coordinates", () => {
    expect(convertLocation(message, { latitude: 55.75123456789, longitude: 37.6 })).toMatchObject({
      location: { lat: 55.751235, lon: 37.6 },
    });
  });

  it("turns a button press into its label and callback data", () => {
    const query: CallbackQuery = {
      id: "q1",
      from: { id: 55, is_bot: false, first_name: "Иван" },
      chat_instance: "c",
      data: "intent:rent",
      message: { ...message, reply_markup: { inline_keyboard: [[{ text: "Снять", callback_data: "intent:rent" }]] } },
    };
    expect(convertCallback(query)).toMatchObject({ messageId: "tg:55:cb:q1", text: "Снять", button: "intent:rent" });
    expect(convertCallback({ ...query, data: undefined })).toBeNull();
  });

  it("names the pressed message only while the bot can still edit it", () => {
    const query: CallbackQuery = {
      id: "q2",
      from: message.from ?? { id: 55, is_bot: false, first_name: "И" },
      chat_instance: "c",
    };
    expect(pressedMessageId({ ...query, message })).toBe(7);
    expect(pressedMessageId({ ...query, message: { message_id: 8, date: 0, chat: message.chat } })).toBeNull();
    expect(pressedMessageId({ ...query, inline_message_id: "inline-1" })).toBeNull();
  });

  it("finds the chat of every kind of update the bot handles", () => {
    expect(chatIdOfUpdate({ update_id: 1, message })).toBe("55");
    expect(chatIdOfUpdate({ update_id: 2, edited_message: message })).toBe("55");
    expect(chatIdOfUpdate({ update_id: 3, callback_query: { from: { id: 9 } } })).toBe("9");
    expect(chatIdOfUpdate({ update_id: 4 })).toBeNull();
  });
});
