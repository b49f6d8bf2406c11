// Inline button presses: answered first so the client's spinner stops, then passed to the core.
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertCallback } from "../convert-message.js";

const REMEMBERED = 10_000;

export function buttons(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  // A retry after the core was down must not answer the same query twice.
  const answered = new Set<string>();
  composer.on("callback_query", async (ctx) => {
    const query = ctx.callbackQuery;
    if (!answered.has(query.id)) {
      answered.add(query.id);
      if (answered.size > REMEMBERED) answered.delete(answered.values().next().value ?? "");
      // An expired query cannot be answered; the press still counts.
      await ctx.answerCallbackQuery().catch(() => undefined);
    }
    const message = convertCallback(query);
    if (message && ctx.chat) await deps.forward(String(ctx.chat.id), message);
  });
  return composer;
}
