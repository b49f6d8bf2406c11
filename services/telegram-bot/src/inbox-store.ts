// The update inbox: every Telegram update is stored (deduplicated on update_id) before it is acknowledged.
import type pg from "pg";
import type { Update } from "grammy/types";
import { createBatcher } from "./batcher.js";
import { isDataError } from "./is-data-error.js";
import { chatIdOfUpdate } from "./bot/convert-update.js";

export interface StoredUpdate {
  updateId: number;
  chatId: string | null;
  update: Update;
}

export interface InboxStore {
  // Resolves with the stored update when new, null for a redelivery; durable either way.
  // `json` is the update as Telegram sent it, when the caller has it: it is stored without serialising again.
  store(update: Update, json?: string): Promise<StoredUpdate | null>;
  pending(): Promise<StoredUpdate[]>;
  markDone(updateId: number): Promise<void>;
  markFailed(updateId: number, error: string): Promise<void>;
  noteAttempt(updateId: number, error: string): Promise<void>;
}

interface NewUpdate {
  update: Update;
  json: string;
}

export function createInboxStore(pool: pg.Pool): InboxStore {
  // Concurrent webhook requests share one statement (one commit). The batch travels as ONE jsonb array built by
  // joining the texts: no per-row array escaping in the driver, and only the ids come back.
  const batcher = createBatcher<NewUpdate, StoredUpdate | null>(
    async (batch) => {
      const rows = batch.map(
        ({ update, json }) => `{"u":${update.update_id},"c":${JSON.stringify(chatIdOfUpdate(update))},"p":${json}}`,
      );
      const result = await pool.query<{ update_id: number }>(
        `INSERT INTO tg_updates (update_id, chat_id, payload)
       SELECT (r->>'u')::bigint, r->>'c', r->'p' FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
        [`[${rows.join(",")}]`],
      );
      // A batch can hold the same update twice; only its first copy counts as new.
      const inserted = new Set(result.rows.map((row) => row.update_id));
      return batch.map(({ update }) => {
        if (!inserted.delete(update.update_id)) return null;
        return { updateId: update.update_id, chatId: chatIdOfUpdate(update), update };
      });
    },
    { isItemError: isDataError },
  );

  const doneBatcher = createBatcher<number, true>(async (ids) => {
    await pool.query(
      "UPDATE tg_updates SET status = 'done', processed_at = now() WHERE update_id = ANY($1::bigint[])",
      [ids],
    );
    return ids.map(() => true);
  });

  return {
    store: (update, json = JSON.stringify(update)) => batcher.add({ update, json }),
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
