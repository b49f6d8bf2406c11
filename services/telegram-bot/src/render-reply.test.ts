// How a core reply becomes Telegram calls: keyboards, phone request, photos and listing cards.
import { describe, expect, it } from "vitest";
import { channelTexts } from "@wewall/shared";
import { renderReply, withoutPhoto } from "./render-reply.js";

const buttons = [[{ text: "Купить", data: "buy" }], [{ text: "Снять", data: "rent" }]];
const inline = {
  inline_keyboard: [[{ text: "Купить", callback_data: "buy" }], [{ text: "Снять", callback_data: "rent" }]],
};

describe("renderReply", () => {
  it("text with an inline keyboard from the buttons", () => {
    expect(renderReply({ text: "Что ищете?", buttons })).toEqual([
      { kind: "text", text: "Что ищете?", markup: inline },
    ]);
  });

  it("a phone request as a one-time reply keyboard with request_contact", () => {
    const [part] = renderReply({ text: "Ваш телефон?", requestPhone: true });
    expect(part).toMatchObject({
      kind: "text",
      markup: { keyboard: [[{ request_contact: true }]], one_time_keyboard: true, resize_keyboard: true },
    });
  });

  it("labels the phone button with the shared text the core's phone question names", () => {
    const [part] = renderReply({ text: "Ваш телефон?", requestPhone: true });
    expect(part).toMatchObject({ markup: { keyboard: [[{ text: channelTexts.sharePhoneButton }]] } });
  });

  it("buttons and a phone request need two messages: one keyboard each", () => {
    const parts = renderReply({ text: "Выберите или оставьте телефон", buttons, requestPhone: true });
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({ markup: inline });
    expect(parts[1]).toMatchObject({
      text: channelTexts.sharePhonePrompt,
      markup: { keyboard: [[{ request_contact: true }]] },
    });
  });

  it("several photos as one album before the text; one photo with a short text as a captioned card", () => {
    const photos = ["https://i/1.jpg", "https://i/2.jpg"];
    expect(renderReply({ text: "Варианты", photos })).toEqual([
      { kind: "album", urls: photos },
      { kind: "text", text: "Варианты" },
    ]);
    expect(renderReply({ text: "Карточка", photos: ["https://i/1.jpg"], buttons })).toEqual([
      { kind: "photo", url: "https://i/1.jpg", caption: "Карточка", markup: inline },
    ]);
  });

  it("a photo whose text is too long for a caption goes first, the text after it", () => {
    const text = "д".repeat(1500);
    expect(renderReply({ text, photos: ["https://i/1.jpg"] }).map((p) => p.kind)).toEqual(["photo", "text"]);
  });

  it("a long text splits and only the last part carries the keyboard", () => {
    const parts = renderReply({ text: "Предложение. ".repeat(700), buttons });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((p) => p.kind === "text" && !p.markup)).toBe(true);
    expect(parts.at(-1)).toMatchObject({ markup: inline });
  });

  it("withoutPhoto keeps a card's caption and keyboard as text", () => {
    expect(withoutPhoto({ kind: "photo", url: "u", caption: "c", markup: inline })).toEqual({
      kind: "text",
      text: "c",
      markup: inline,
    });
    expect(withoutPhoto({ kind: "album", urls: ["a", "b"] })).toBeNull();
  });
});
