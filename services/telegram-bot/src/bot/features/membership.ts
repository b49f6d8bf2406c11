// The client blocking (or unblocking) the bot arrives as a my_chat_member update.
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { when } from "../when.js";

const isMembership = Context.has.filterQuery("my_chat_member");

export function membership(deps: BotDeps): Composer<Context> {
  return new Composer(
    when(isMembership, (ctx) => {
      const status = ctx.myChatMember.new_chat_member.status;
      if (status === "kicked") return deps.membership(String(ctx.chat.id), true);
      if (status === "member") return deps.membership(String(ctx.chat.id), false);
      return undefined;
    }),
  );
}
