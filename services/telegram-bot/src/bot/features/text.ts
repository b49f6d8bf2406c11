// Plain text and edited text; an edit reaches the core as a correction with its own idempotency key.
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertText } from "../convert-message.js";

export function text(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on(["message:text", "edited_message:text"], (ctx) =>
    deps.forward(String(ctx.chat.id), convertText(ctx.msg, ctx.msg.text)),
  );
  return composer;
}
