// One rendered part as one Bot API call; returns the message ids Telegram gave it (none for an edit).
import { GrammyError, type Api } from "grammy";
import type { Part } from "./render-reply.js";

export async function sendPart(api: Api, chatId: string, part: Part): Promise<number[]> {
  switch (part.kind) {
    case "text": {
      const sent = await api.sendMessage(chatId, part.text, part.markup ? { reply_markup: part.markup } : {});
      return [sent.message_id];
    }
    case "photo": {
      const sent = await api.sendPhoto(chatId, part.url, {
        ...(part.caption ? { caption: part.caption } : {}),
        ...(part.markup ? { reply_markup: part.markup } : {}),
      });
      return [sent.message_id];
    }
    case "album": {
      const sent = await api.sendMediaGroup(
        chatId,
        part.urls.map((url) => ({ type: "photo", media: url })),
      );
      return sent.map((message) => message.message_id);
    }
    case "clear-keyboard": {
      try {
        await api.editMessageReplyMarkup(chatId, part.messageId, { reply_markup: { inline_keyboard: [] } });
      } catch (error) {
        // A second press on the same message finds its keyboard gone already: that is the outcome wanted.
        if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
      }
      return [];
    }
  }
}
