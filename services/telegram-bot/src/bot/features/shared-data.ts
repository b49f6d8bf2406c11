// A shared contact (the phone slot) and a shared location (the metro slot, resolved by the core).
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertContact, convertLocation } from "../convert-message.js";
import { when } from "../when.js";

const hasContact = Context.has.filterQuery("message:contact");
// Live-location refreshes arrive as edits; only the first share is a client's answer.
const hasLocation = Context.has.filterQuery("message:location");

export function sharedData(deps: BotDeps): Composer<Context> {
  return new Composer(
    when(hasContact, (ctx) => deps.forward(String(ctx.chat.id), convertContact(ctx.msg, ctx.msg.contact))),
    when(hasLocation, (ctx) => deps.forward(String(ctx.chat.id), convertLocation(ctx.msg, ctx.msg.location))),
  );
}
