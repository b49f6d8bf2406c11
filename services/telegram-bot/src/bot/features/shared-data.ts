// A shared contact (the phone slot) and a shared location (the metro slot, resolved by the core).
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertContact, convertLocation } from "../convert-message.js";

export function sharedData(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("message:contact", (ctx) => deps.forward(String(ctx.chat.id), convertContact(ctx.msg, ctx.msg.contact)));
  // Live-location refreshes arrive as edits; only the first share is a client's answer.
  composer.on("message:location", (ctx) =>
    deps.forward(String(ctx.chat.id), convertLocation(ctx.msg, ctx.msg.location)),
  );
  return composer;
}
