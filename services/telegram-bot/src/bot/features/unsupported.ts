// Voice, stickers, files, photos and the like: a polite answer saying what the bot does understand.
import { channelTexts } from "@wewall/shared";
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { when } from "../when.js";

const isMessage = Context.has.filterQuery("message");

export function unsupported(deps: BotDeps): Composer<Context> {
  return new Composer(
    when(isMessage, (ctx) => {
      // An album arrives as one update per photo: it gets one answer.
      const album = ctx.message.media_group_id;
      const key = album ? `album:${ctx.chat.id}:${album}` : String(ctx.update.update_id);
      return deps.notice(String(ctx.chat.id), key, channelTexts.unsupportedMessage);
    }),
  );
}
