// The update inbox: every Telegram update is stored (deduplicated on update_id) before it is acknowledged.
import type pg from "pg";
import type { Update } from "grammy/types";
import { createGroupCommit } from "@wewall/shared";
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
  // Resolves once every store in progress has finished and its caller has resumed.
  settled(): Promise<void>;
  pending(): Promise<StoredUpdate[]>;
  // Recorded a moment later in bulk (see below); flush() writes what is waiting (shutdown, tests).
  markDone(updateId: number): void;
  flush(): Promise<void>;
  markFailed(updateId: number, error: string): Promise<void>;
  noteAttempt(updateId: number, error: string): Promise<void>;
}

interface NewUpdate {
  update: Update;
  json: string;
}

const DONE_FLUSH_MS = 100;
const DONE_RETRY_MS = 2_000;

export function createInboxStore(pool: pg.Pool): InboxStore {
  // Concurrent webhook requests share one statement (one commit). The batch travels as ONE jsonb array built by
  // joining the texts: no per-row array escaping in the driver, and only the ids come back.
  const batcher = createGroupCommit<NewUpdate, StoredUpdate | null>(
    async (batch) => {
      const rows = batch.map(
        ({ update, json }) => `{"u":${update.update_id},"c":${JSON.stringify(chatIdOfUpdate(update))},"p":${json}}`,
      );
      const result = await pool.query<{ update_id: number }>({
        // Prepared once per connection: planning this statement cost PostgreSQL a quarter of its time per batch.
        name: "tg_store_updates",
        text: `INSERT INTO tg_updates (update_id, chat_id, payload)
       SELECT (r->>'u')::bigint, r->>'c', r->'p' FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
        values: [`[${rows.join(",")}]`],
      });
      // A batch can hold the same update twice; only its first copy counts as new.
      const inserted = new Set(result.rows.map((row) => row.update_id));
      return batch.map(({ update }) => {
        if (!inserted.delete(update.update_id)) return null;
        return { updateId: update.update_id, chatId: chatIdOfUpdate(update), update };
      });
    },
    { isItemError: isDataError },
  );

  // Done marks are bookkeeping, not the client's message: they are written in bulk a moment later (one statement
  // for hundreds of updates). A mark lost in a crash only makes the next start forward that update again, which the
  // core ignores (same message id) and which produces no second notice (same delivery id).
  let doneIds: number[] = [];
  let doneTimer: NodeJS.Timeout | undefined;
  let doneWrites: Promise<void> = Promise.resolve();

  function flushDone(): Promise<void> {
    clearTimeout(doneTimer);
    doneTimer = undefined;
    const ids = doneIds;
    doneIds = [];
    if (ids.length === 0) return doneWrites;
    doneWrites = doneWrites.then(async () => {
      try {
        await pool.query(
          "UPDATE tg_updates SET status = 'done', processed_at = now() WHERE update_id = ANY($1::bigint[])",
          [ids],
        );
      } catch {
        // The database is away: the marks wait for the next flush.
        doneIds.push(...ids);
        doneTimer ??= setTimeout(() => void flushDone(), DONE_RETRY_MS).unref();
      }
    });
    return doneWrites;
  }

  return {
    store: (update, json = JSON.stringify(update)) => batcher.add({ update, json }),
    settled: () => batcher.settled(),
    async pending() {
      const result = await pool.query<{ update_id: number; chat_id: string | null; payload: Update }>(
        "SELECT update_id, chat_id, payload FROM tg_updates WHERE status = 'pending' ORDER BY update_id",
      );
      return result.rows.map((row) => ({ updateId: row.update_id, chatId: row.chat_id, update: row.payload }));
    },
    markDone(updateId) {
      doneIds.push(updateId);
      doneTimer ??= setTimeout(() => void flushDone(), DONE_FLUSH_MS).unref();
    },
    flush: () => flushDone(),
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
