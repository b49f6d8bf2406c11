// /start with its deep-link source, /manager and /restart, translated into what the core understands.
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../bot-deps.js";
import { convertStart, convertText, MANAGER_TEXT, RESTART_TEXT } from "../convert-message.js";

export function commands(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("start", (ctx) => deps.forward(String(ctx.chat.id), convertStart(ctx.msg, ctx.match)));
  composer.command("manager", (ctx) => deps.forward(String(ctx.chat.id), convertText(ctx.msg, MANAGER_TEXT)));
  composer.command("restart", (ctx) => deps.forward(String(ctx.chat.id), convertText(ctx.msg, RESTART_TEXT)));
  return composer;
}
