// A core reply as the ordered Telegram calls that show it; pure, so a restart renders the same parts again.
import { channelTexts, type Reply } from "@wewall/shared";
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import { splitText } from "./split-text.js";

export type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup;

export type Part =
  | { kind: "text"; text: string; markup?: Markup }
  | { kind: "photo"; url: string; caption?: string; markup?: Markup }
  | { kind: "album"; urls: string[] }
  // Not from a reply: removes the inline keyboard of a message the client pressed (an edit, not a new message).
  | { kind: "clear-keyboard"; messageId: number };

export const CAPTION_LIMIT = 1024;

export function renderReply(reply: Reply): Part[] {
  const inline: InlineKeyboardMarkup | undefined = reply.buttons?.length
    ? { inline_keyboard: reply.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) }
    : undefined;
  const phone: ReplyKeyboardMarkup | undefined = reply.requestPhone
    ? {
        keyboard: [[{ text: channelTexts.sharePhoneButton, request_contact: true }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      }
    : undefined;
  const photos = reply.photos ?? [];
  const parts: Part[] = [];

  // A listing card: one photo with its text as caption keeps the buttons under the picture.
  const [onlyPhoto] = photos;
  if (photos.length === 1 && onlyPhoto && reply.text.length <= CAPTION_LIMIT) {
    const markup = inline ?? phone;
    parts.push({ kind: "photo", url: onlyPhoto, caption: reply.text, ...(markup ? { markup } : {}) });
    if (inline && phone) parts.push({ kind: "text", text: channelTexts.sharePhonePrompt, markup: phone });
    return parts;
  }
  if (photos.length === 1 && onlyPhoto) parts.push({ kind: "photo", url: onlyPhoto });
  if (photos.length > 1) parts.push({ kind: "album", urls: photos.slice(0, 10) });

  const texts = splitText(reply.text);
  texts.forEach((text, index) => {
    const last = index === texts.length - 1;
    const markup = last ? (inline ?? phone) : undefined;
    parts.push({ kind: "text", text, ...(markup ? { markup } : {}) });
  });
  // One message carries one keyboard: the phone request follows the inline buttons on its own.
  if (inline && phone) parts.push({ kind: "text", text: channelTexts.sharePhonePrompt, markup: phone });
  return parts;
}

// What is left of a photo part when Telegram refuses the picture: its caption and keyboard as a text message.
export function withoutPhoto(part: Part): Part | null {
  if (part.kind !== "photo" || !part.caption) return null;
  return { kind: "text", text: part.caption, ...(part.markup ? { markup: part.markup } : {}) };
}
