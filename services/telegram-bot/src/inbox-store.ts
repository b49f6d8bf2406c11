// The update inbox: every Telegram update is stored (deduplicated on update_id) before it is acknowledged.
import type pg from "pg";
import type { Update } from "grammy/types";
import { createBatcher } from "./batcher.js";
import { chatIdOfUpdate, type UpdateLike } from "./bot/convert-update.js";

export interface StoredUpdate {
  updateId: number;
  chatId: string | null;
  update: Update;
}

export interface InboxStore {
  // Resolves with the stored update when new, null for a redelivery; durable either way.
  store(update: UpdateLike): Promise<StoredUpdate | null>;
  pending(): Promise<StoredUpdate[]>;
  markDone(updateId: number): Promise<void>;
  markFailed(updateId: number, error: string): Promise<void>;
  noteAttempt(updateId: number, error: string): Promise<void>;
}

export function createInboxStore(pool: pg.Pool): InboxStore {
  const batcher = createBatcher<UpdateLike, StoredUpdate | null>(async (updates) => {
    const result = await pool.query<{ update_id: number; chat_id: string | null; payload: Update }>(
      `INSERT INTO tg_updates (update_id, chat_id, payload)
       SELECT u, c, p::jsonb FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(u, c, p)
       ON CONFLICT (update_id) DO NOTHING RETURNING update_id, chat_id, payload`,
      [updates.map((u) => u.update_id), updates.map(chatIdOfUpdate), updates.map((u) => JSON.stringify(u))],
    );
    // A batch can hold the same update twice; only its first copy counts as new.
    const inserted = new Map(result.rows.map((row) => [row.update_id, row]));
    return updates.map((u) => {
      const row = inserted.get(u.update_id);
      inserted.delete(u.update_id);
      return row ? { updateId: row.update_id, chatId: row.chat_id, update: row.payload } : null;
    });
  });

  const doneBatcher = createBatcher<number, true>(async (ids) => {
    await pool.query(
      "UPDATE tg_updates SET status = 'done', processed_at = now() WHERE update_id = ANY($1::bigint[])",
      [ids],
    );
    return ids.map(() => true);
  });

  return {
    store: (update) => batcher.add(update),
    async pending() {
      const result = await pool.query<{ update_id: number; chat_id: string | null; payload: Update }>(
        "SELECT update_id, chat_id, payload FROM tg_updates WHERE status = 'pending' ORDER BY update_id",
      );
      return result.rows.map((row) => ({ updateId: row.update_id, chatId: row.chat_id, update: row.payload }));
    },
    markDone: async (updateId) => {
      await doneBatcher.add(updateId);
    },
    async markFailed(updateId, error) {
      await pool.query(
        "UPDATE tg_updates SET status = 'failed', error = $2, processed_at = now() WHERE update_id = $1",
        [updateId, error.slice(0, 500)],
      );
    },
    async noteAttempt(updateId, error) {
      await pool.query("UPDATE tg_updates SET attempts = attempts + 1, error = $2 WHERE update_id = $1", [
        updateId,
        error.slice(0, 500),
      ]);
    },
  };
}
