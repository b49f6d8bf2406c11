// Which chat an update belongs to (the key that keeps one chat's updates in order), and the webhook body's check.
import type { Update } from "grammy/types";
import { z } from "zod";

// The few fields that locate an update's chat; grammY's Update and the webhook envelope both fit it.
interface ChatRef {
  chat: { id: number };
}
export interface UpdateLike {
  update_id: number;
  message?: ChatRef;
  edited_message?: ChatRef;
  channel_post?: ChatRef;
  edited_channel_post?: ChatRef;
  my_chat_member?: ChatRef;
  callback_query?: { from: { id: number }; message?: ChatRef };
}

const chatRef = z.looseObject({ chat: z.looseObject({ id: z.number().int() }) });

// The webhook body: unknown fields pass through untouched, stored as Telegram sent them.
export const updateEnvelopeSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: chatRef.optional(),
  edited_message: chatRef.optional(),
  channel_post: chatRef.optional(),
  edited_channel_post: chatRef.optional(),
  my_chat_member: chatRef.optional(),
  callback_query: z
    .looseObject({ from: z.looseObject({ id: z.number().int() }), message: chatRef.optional() })
    .optional(),
});

// The envelope is checked; the rest is Telegram's own object, handed to grammY and stored as Telegram sent it.
const isUpdate = (value: unknown): value is Update => updateEnvelopeSchema.safeParse(value).success;

export function parseUpdate(json: string): Update | null {
  try {
    const value: unknown = JSON.parse(json);
    return isUpdate(value) ? value : null;
  } catch {
    return null;
  }
}

export function chatIdOfUpdate(update: UpdateLike): string | null {
  const chat =
    update.message?.chat ??
    update.edited_message?.chat ??
    update.callback_query?.message?.chat ??
    update.my_chat_member?.chat ??
    update.channel_post?.chat ??
    update.edited_channel_post?.chat;
  if (chat) return String(chat.id);
  const from = update.callback_query?.from;
  return from ? String(from.id) : null;
}

export const dialogIdOf = (chatId: string | number): string => `telegram:${chatId}`;
