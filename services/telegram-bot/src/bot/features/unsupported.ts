// Voice, stickers, files, photos and the like: a polite answer saying what the bot does understand.
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { when } from "../when.js";

export const UNSUPPORTED_TEXT =
  "Извините, я понимаю только текстовые сообщения, нажатия на кнопки, контакт и геопозицию. " +
  "Голосовые, стикеры, файлы и фото я пока не умею читать — напишите, пожалуйста, текстом.";

const isMessage = Context.has.filterQuery("message");

export function unsupported(deps: BotDeps): Composer<Context> {
  return new Composer(
    when(isMessage, (ctx) => {
      // An album arrives as one update per photo: it gets one answer.
      const album = ctx.message.media_group_id;
      const key = album ? `album:${ctx.chat.id}:${album}` : String(ctx.update.update_id);
      return deps.notice(String(ctx.chat.id), key, UNSUPPORTED_TEXT);
    }),
  );
}
