// The client blocking (or unblocking) the bot arrives as a my_chat_member update.
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";

export function membership(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("my_chat_member", (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === "kicked") return deps.membership(String(ctx.chat.id), true);
    if (status === "member") return deps.membership(String(ctx.chat.id), false);
    return undefined;
  });
  return composer;
}
