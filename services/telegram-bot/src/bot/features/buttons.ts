// Inline button presses: answered at once (the spinner stops), the keyboard's removal queued, then passed to the core.
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertCallback, pressedMessageId } from "../convert-message.js";
import { when } from "../when.js";

const isPress = Context.has.filterQuery("callback_query");

export function buttons(deps: BotDeps): Composer<Context> {
  return new Composer(
    when(isPress, async (ctx) => {
      await deps.answerCallback(ctx.callbackQuery.id);
      // Queued before the core hears of the press, so the removal reaches the chat ahead of the core's answer.
      const pressed = pressedMessageId(ctx.callbackQuery);
      if (pressed !== null && ctx.chat) await deps.clearKeyboard(String(ctx.chat.id), ctx.update.update_id, pressed);
      const message = convertCallback(ctx.callbackQuery);
      if (message && ctx.chat) await deps.forward(String(ctx.chat.id), message);
    }),
  );
}
