// Pure translations of Telegram messages and button presses into the core's incoming message contract.
import type { IncomingMessage } from "@wewall/shared";
import type { CallbackQuery, Contact, Location, Message, User } from "grammy/types";

type Incoming = IncomingMessage;

export const MANAGER_TEXT = "позовите менеджера";
export const RESTART_TEXT = "/restart";

export function convertUser(from: User | undefined, phone?: string): Incoming["user"] {
  if (!from) return phone ? { id: "unknown", phone } : undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(" ").slice(0, 200);
  return {
    id: String(from.id),
    ...(name ? { name } : {}),
    ...(from.username ? { username: from.username } : {}),
    ...(phone ? { phone } : {}),
  };
}

// The channel's own id is the idempotency key; an edit is a new message keyed by its edit time.
export function messageIdOf(message: Message): string {
  const base = `tg:${message.chat.id}:${message.message_id}`;
  return message.edit_date ? `${base}:e${message.edit_date}` : base;
}

function base(message: Message, text: string): Incoming {
  const user = convertUser(message.from);
  return {
    messageId: messageIdOf(message),
    text: text.slice(0, 4096),
    channel: "telegram",
    ...(user ? { user } : {}),
    ...(message.edit_date ? { edited: true } : {}),
  };
}

export function convertText(message: Message, text: string): Incoming {
  return base(message, text);
}

export function convertStart(message: Message, payload: string): Incoming {
  const source = payload.trim().slice(0, 200);
  return { ...base(message, "/start"), ...(source ? { source } : {}) };
}

// The text is the number either way (the client may want a call on a relative's phone); only their own contact,
// from the "share phone" button, is recorded as the client's phone.
export function convertContact(message: Message, contact: Contact): Incoming {
  const phone = normalizePhone(contact.phone_number);
  const own = contact.user_id !== undefined && contact.user_id === message.from?.id;
  const user = convertUser(message.from, own ? phone : undefined);
  return { ...base(message, phone), ...(user ? { user } : {}) };
}

export function convertLocation(message: Message, location: Location): Incoming {
  const lat = round(location.latitude);
  const lon = round(location.longitude);
  return { ...base(message, `Геопозиция: ${lat}, ${lon}`), location: { lat, lon } };
}

// A button press carries its callback data; the label the client saw is its text.
export function convertCallback(query: CallbackQuery): Incoming | null {
  const message = query.message;
  const data = query.data;
  if (!message || !data) return null;
  const label = findButtonLabel(message, data) ?? data;
  const user = convertUser(query.from);
  return {
    messageId: `tg:${message.chat.id}:cb:${query.id}`,
    text: label.slice(0, 4096),
    channel: "telegram",
    button: data.slice(0, 64),
    ...(user ? { user } : {}),
  };
}

// The message whose keyboard was pressed, when the bot can still edit it: Telegram sends an inaccessible
// message (date 0) once it is too old, and none at all for inline-mode messages.
export function pressedMessageId(query: CallbackQuery): number | null {
  const message = query.message;
  return message && message.date !== 0 ? message.message_id : null;
}

function findButtonLabel(message: CallbackQuery["message"], data: string): string | undefined {
  if (!message || !("reply_markup" in message)) return undefined;
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) {
      if ("callback_data" in button && button.callback_data === data) return button.text;
    }
  }
  return undefined;
}

export function normalizePhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, "");
  return digits ? `+${digits}`.slice(0, 32) : raw.slice(0, 32);
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;
