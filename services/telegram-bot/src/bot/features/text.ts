// Plain text and edited text; an edit reaches the core as a correction with its own idempotency key.
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertText } from "../convert-message.js";
import { when } from "../when.js";

const hasText = Context.has.filterQuery(["message:text", "edited_message:text"]);

export function text(deps: BotDeps): Composer<Context> {
  return new Composer(when(hasText, (ctx) => deps.forward(String(ctx.chat.id), convertText(ctx.msg, ctx.msg.text))));
}
