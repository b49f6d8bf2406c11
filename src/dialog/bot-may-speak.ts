// The one rule that keeps the bot silent: it speaks only while it owns the dialog and the client has not blocked it.
import type { DialogRow } from "./dialog-store.js";

/** The rule in SQL, over a `dialogs` row's unqualified columns (owner, blocked). */
export const BOT_MAY_SPEAK = "(owner = 'bot' AND NOT blocked)";

/** The rule in TypeScript, over the same row as read. */
export function botMaySpeak(dialog: Pick<DialogRow, "owner" | "blocked">): boolean {
  return dialog.owner === "bot" && !dialog.blocked;
}
