// What the bot's features may do: hand a message to the core, answer locally, clear a keyboard, note a blocked chat.
import type { IncomingMessage } from "@wewall/shared";

export interface BotDeps {
  // Resolves once the core has durably accepted the message; throws to keep the update pending.
  forward(chatId: string, message: IncomingMessage): Promise<void>;
  // Queues a reply of the bot's own (not the core's) into the outbox, keyed by the update.
  // `key` makes the notice once-only: an update id, or an album's media group id (one notice per album).
  notice(chatId: string, key: string, text: string): Promise<void>;
  // Queues the removal of a pressed message's inline keyboard into the outbox, keyed by the update.
  clearKeyboard(chatId: string, updateId: number, messageId: number): Promise<void>;
  membership(chatId: string, blocked: boolean): Promise<void>;
  // Stops the client's spinner; called as soon as the update is stored and again by the feature, answered once.
  answerCallback(queryId: string): Promise<void>;
}
