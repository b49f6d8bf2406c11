// Inline button presses: answered first so the client's spinner stops, then passed to the core.
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertCallback } from "../convert-message.js";

export function buttons(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("callback_query", async (ctx) => {
    await deps.answerCallback(ctx.callbackQuery.id);
    const message = convertCallback(ctx.callbackQuery);
    if (message && ctx.chat) await deps.forward(String(ctx.chat.id), message);
  });
  return composer;
}
