// The grammY bot: private chats only, one small composer per feature; the caller feeds it stored updates.
import { Bot, Composer, Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotDeps } from "./bot-deps.js";
import type { createLightFetch } from "./light-fetch.js";
import { buttons } from "./features/buttons.js";
import { commands } from "./features/commands.js";
import { membership } from "./features/membership.js";
import { sharedData } from "./features/shared-data.js";
import { text } from "./features/text.js";
import { unsupported } from "./features/unsupported.js";
import { when } from "./when.js";

const isPrivate = Context.has.chatType("private");

export interface BotOptions {
  apiRoot: string;
  botInfo?: UserFromGetMe;
  fetch?: ReturnType<typeof createLightFetch>;
  timeoutSeconds?: number;
}

export function createBot(token: string, deps: BotDeps, options: BotOptions): Bot {
  const bot = new Bot(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: {
      apiRoot: options.apiRoot,
      timeoutSeconds: options.timeoutSeconds ?? 60,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
  const features = new Composer<Context>(
    membership(deps),
    commands(deps),
    buttons(deps),
    sharedData(deps),
    text(deps),
    unsupported(deps),
  );
  // Group chats and channels are not the agency's clients: their updates pass through unanswered.
  bot.use(when(isPrivate, features.middleware()));
  return bot;
}
