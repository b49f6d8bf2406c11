// /start with its deep-link source, /manager and /restart, translated into what the core understands.
import { Composer, Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertStart, convertText, MANAGER_TEXT, RESTART_TEXT } from "../convert-message.js";
import { when } from "../when.js";

const isStart = Context.has.command("start");
const isManager = Context.has.command("manager");
const isRestart = Context.has.command("restart");

export function commands(deps: BotDeps): Composer<Context> {
  return new Composer(
    when(isStart, (ctx) => deps.forward(String(ctx.chat.id), convertStart(ctx.msg, ctx.match))),
    when(isManager, (ctx) => deps.forward(String(ctx.chat.id), convertText(ctx.msg, MANAGER_TEXT))),
    when(isRestart, (ctx) => deps.forward(String(ctx.chat.id), convertText(ctx.msg, RESTART_TEXT))),
  );
}
