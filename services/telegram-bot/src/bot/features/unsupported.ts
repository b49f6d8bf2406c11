// Voice, stickers, files, photos and the like: a polite answer saying what the bot does understand.
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";

export const UNSUPPORTED_TEXT =
  "Извините, я понимаю только текстовые сообщения, нажатия на кнопки, контакт и геопозицию. " +
  "Голосовые, стикеры, файлы и фото я пока не умею читать — напишите, пожалуйста, текстом.";

export function unsupported(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("message", (ctx) => deps.notice(String(ctx.chat.id), ctx.update.update_id, UNSUPPORTED_TEXT));
  return composer;
}
