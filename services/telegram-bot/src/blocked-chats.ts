// Chats whose client blocked the bot: nothing more is sent there until the client writes again.
import type pg from "pg";

export function createBlockedChats(pool: pg.Pool) {
  const blocked = new Set<string>();
  return {
    async load(): Promise<void> {
      const result = await pool.query<{ chat_id: string }>("SELECT chat_id FROM tg_blocked_chats");
      for (const row of result.rows) blocked.add(row.chat_id);
    },
    has: (chatId: string): boolean => blocked.has(chatId),
    // Resolves true when the chat was not blocked before.
    async block(chatId: string, dialogId: string): Promise<boolean> {
      blocked.add(chatId);
      const result = await pool.query(
        "INSERT INTO tg_blocked_chats (chat_id, dialog_id) VALUES ($1, $2) ON CONFLICT (chat_id) DO NOTHING",
        [chatId, dialogId],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async unblock(chatId: string): Promise<void> {
      if (!blocked.delete(chatId)) return;
      await pool.query("DELETE FROM tg_blocked_chats WHERE chat_id = $1", [chatId]);
    },
    // The row is gone already (erased with the chat); only the memory of it is left to drop.
    forget: (chatId: string): void => void blocked.delete(chatId),
    async unreported(): Promise<{ chatId: string; dialogId: string }[]> {
      const result = await pool.query<{ chat_id: string; dialog_id: string }>(
        "SELECT chat_id, dialog_id FROM tg_blocked_chats WHERE NOT reported",
      );
      return result.rows.map((row) => ({ chatId: row.chat_id, dialogId: row.dialog_id }));
    },
    async markReported(chatId: string): Promise<void> {
      await pool.query("UPDATE tg_blocked_chats SET reported = true WHERE chat_id = $1", [chatId]);
    },
  };
}

export type BlockedChats = ReturnType<typeof createBlockedChats>;
