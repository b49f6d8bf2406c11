// Appends one bot reply to the turn, prefixed by the turn's notice, and remembers it among the recent messages.
import type { Reply } from "@wewall/shared";
import type { DialogStateType, DialogUpdate } from "../state.js";

const RECENT_KEPT = 6;

export function say(state: DialogStateType, text: string, extras: Omit<Reply, "text"> = {}): DialogUpdate {
  const alreadySpoke = state.replies.length > 0;
  const notice = !alreadySpoke && state.flags.notice ? `${state.flags.notice}\n\n` : "";
  const reply: Reply = { text: notice + text, ...extras };
  return {
    replies: [...state.replies, reply],
    recent: [...state.recent, { author: "bot" as const, text: reply.text }].slice(-RECENT_KEPT),
  };
}

export function rememberClient(state: DialogStateType, text: string): DialogUpdate["recent"] {
  return [...state.recent, { author: "client" as const, text }].slice(-RECENT_KEPT);
}
