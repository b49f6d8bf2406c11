// The fake Telegram's memory of each sent message's inline keyboard, and editMessageReplyMarkup checked like the Bot API.
import { z } from "zod";

export interface FakeAnswer {
  status: number;
  body: unknown;
}

const inlineButtonSchema = z
  .looseObject({
    text: z.string().min(1),
    callback_data: z.string().min(1).max(64).optional(),
    url: z.string().optional(),
  })
  .refine((button) => (button.callback_data === undefined) !== (button.url === undefined), {
    message: "a button needs exactly one of callback_data and url",
  });
const inlineKeyboardSchema = z.strictObject({ inline_keyboard: z.array(z.array(inlineButtonSchema)) });

// Stricter than Telegram, which ignores unknown fields: a misspelt parameter is a bug the tests should see.
const editReplyMarkupSchema = z
  .strictObject({
    business_connection_id: z.string().optional(),
    chat_id: z.union([z.number().int(), z.string().regex(/^-?\d+$|^@\w+$/)]).optional(),
    message_id: z.number().int().positive().optional(),
    inline_message_id: z.string().optional(),
    reply_markup: inlineKeyboardSchema.optional(),
  })
  .refine((p) => (p.inline_message_id === undefined) === (p.chat_id !== undefined && p.message_id !== undefined), {
    message: "chat_id and message_id are required unless inline_message_id is given",
  });

const badRequest = (description: string): FakeAnswer => ({
  status: 400,
  body: { ok: false, error_code: 400, description: `Bad Request: ${description}` },
});

export function createFakeInlineKeyboards() {
  // chat:message → the keyboard shown under it, as JSON ("" when none).
  const keyboards = new Map<string, string>();
  const keyOf = (chatId: string, messageId: number) => `${chatId}:${messageId}`;
  const normalize = (markup: unknown): string => {
    const parsed = inlineKeyboardSchema.safeParse(markup);
    return parsed.success && parsed.data.inline_keyboard.some((row) => row.length > 0) ? JSON.stringify(markup) : "";
  };

  return {
    // A reply keyboard (or none) leaves the message without an inline keyboard.
    remember(chatId: string, messageId: number, replyMarkup: unknown): void {
      keyboards.set(keyOf(chatId, messageId), normalize(replyMarkup));
    },
    keyboardOf(chatId: string | number, messageId: number): unknown {
      const shown = keyboards.get(keyOf(String(chatId), messageId));
      return shown ? JSON.parse(shown) : undefined;
    },
    editReplyMarkup(params: Record<string, unknown>): FakeAnswer {
      const parsed = editReplyMarkupSchema.safeParse(params);
      if (!parsed.success) return badRequest(parsed.error.issues.map((issue) => issue.message).join("; "));
      const { chat_id: chatId, message_id: messageId, reply_markup: markup } = parsed.data;
      if (chatId === undefined || messageId === undefined) return { status: 200, body: { ok: true, result: true } };
      const key = keyOf(String(chatId), messageId);
      const shown = keyboards.get(key);
      if (shown === undefined) return badRequest("message to edit not found");
      const next = normalize(markup);
      if (next === shown) {
        return badRequest(
          "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      }
      keyboards.set(key, next);
      const result = {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(chatId), type: "private" },
        ...(next ? { reply_markup: JSON.parse(next) } : {}),
      };
      return { status: 200, body: { ok: true, result } };
    },
  };
}
