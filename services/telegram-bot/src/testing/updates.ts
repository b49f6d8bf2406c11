// Builders of Telegram updates as Telegram would send them, for tests and the bench.
import type { Update } from "grammy/types";

const user = (chatId: number) => ({
  id: chatId,
  is_bot: false as const,
  first_name: "Анна",
  last_name: "К",
  username: `user${chatId}`,
});
const chat = (chatId: number) => ({ id: chatId, type: "private" as const, first_name: "Анна" });
const now = () => Math.floor(Date.now() / 1000);

export function textUpdate(updateId: number, chatId: number, text: string, messageId = updateId): Update {
  const entities = text.startsWith("/")
    ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]?.length ?? text.length }]
    : undefined;
  return {
    update_id: updateId,
    message: {
      message_id: messageId,
      date: now(),
      chat: chat(chatId),
      from: user(chatId),
      text,
      ...(entities ? { entities } : {}),
    },
  };
}

export function editedUpdate(
  updateId: number,
  chatId: number,
  text: string,
  messageId: number,
  editDate: number,
): Update {
  return {
    update_id: updateId,
    edited_message: {
      message_id: messageId,
      date: now() - 10,
      edit_date: editDate,
      chat: chat(chatId),
      from: user(chatId),
      text,
    },
  };
}

// A private message from the client of `chatId`, with what it carries besides.
function clientMessage<T extends object>(updateId: number, chatId: number, content: T) {
  return {
    update_id: updateId,
    message: { message_id: updateId, date: now(), chat: chat(chatId), from: user(chatId), ...content },
  };
}

export function contactUpdate(updateId: number, chatId: number, phone: string): Update {
  return clientMessage(updateId, chatId, { contact: { phone_number: phone, first_name: "Анна", user_id: chatId } });
}

export function locationUpdate(updateId: number, chatId: number, latitude: number, longitude: number): Update {
  return clientMessage(updateId, chatId, { location: { latitude, longitude } });
}

export function stickerUpdate(updateId: number, chatId: number): Update {
  const sticker = {
    file_id: "s",
    file_unique_id: "s",
    type: "regular" as const,
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
  };
  return clientMessage(updateId, chatId, { sticker });
}

// One photo of an album: Telegram sends each as its own update sharing `media_group_id`.
export function albumPhotoUpdate(updateId: number, chatId: number, mediaGroupId: string): Update {
  const photo = [{ file_id: `p${updateId}`, file_unique_id: `p${updateId}`, width: 800, height: 600 }];
  return clientMessage(updateId, chatId, { media_group_id: mediaGroupId, photo });
}

// A press on a button of the bot's message `messageId` (date 0: a message too old for the bot to reach).
export function callbackUpdate(
  updateId: number,
  chatId: number,
  data: string,
  label = data,
  messageId = 1,
  date = now(),
): Update {
  return {
    update_id: updateId,
    callback_query: {
      id: `cq${updateId}`,
      from: user(chatId),
      chat_instance: "ci",
      data,
      message: {
        message_id: messageId,
        date,
        chat: chat(chatId),
        text: "Выберите",
        reply_markup: { inline_keyboard: [[{ text: label, callback_data: data }]] },
      },
    },
  };
}

export function groupTextUpdate(updateId: number, chatId: number, text: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: now(),
      chat: { id: chatId, type: "group", title: "Группа" },
      from: user(1),
      text,
    },
  };
}

export function memberUpdate(updateId: number, chatId: number, status: "kicked" | "member"): Update {
  const bot = { id: 4242, is_bot: true, first_name: "WeWall" };
  const member = { status: "member" as const, user: bot };
  const kicked = { status: "kicked" as const, user: bot, until_date: 0 };
  return {
    update_id: updateId,
    my_chat_member: {
      chat: chat(chatId),
      from: user(chatId),
      date: now(),
      old_chat_member: status === "kicked" ? member : kicked,
      new_chat_member: status === "kicked" ? kicked : member,
    },
  };
}
