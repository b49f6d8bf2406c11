// The update inbox: every Telegram update is stored (deduplicated on update_id) before it is acknowledged.
import type pg from "pg";
import type { Update } from "grammy/types";
import { createGroupCommit, markDone, type QueueTable } from "@wewall/shared";
import { createHeldLeases, NEW_LEASE } from "./held-leases.js";
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
  // Pending updates no process holds (left by a previous one), now held by this one, in order.
  pending(): Promise<StoredUpdate[]>;
  renewLeases(): Promise<void>;
  releaseLeases(): Promise<void>;
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

const UPDATES: QueueTable = { table: "tg_updates", key: "update_id", returning: "q.update_id, q.chat_id, q.payload" };
const DONE_FLUSH_MS = 100;
const DONE_RETRY_MS = 2_000;

export function createInboxStore(pool: pg.Pool): InboxStore {
  type Row = { update_id: number; chat_id: string | null; payload: Update };
  const leases = createHeldLeases<Row>(pool, UPDATES, (row) => row.update_id);
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
        text: `INSERT INTO tg_updates (update_id, chat_id, payload, lease_until)
       SELECT (r->>'u')::bigint, r->>'c', r->'p', ${NEW_LEASE} FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT (update_id) DO NOTHING RETURNING update_id`,
        values: [`[${rows.join(",")}]`],
      });
      // A batch can hold the same update twice; only its first copy counts as new.
      const inserted = new Set(result.rows.map((row) => row.update_id));
      for (const id of inserted) leases.hold(id);
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
        await markDone(pool, UPDATES, ids, { doneAt: true });
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
      const rows = await leases.claim();
      return rows.map((row) => ({ updateId: row.update_id, chatId: row.chat_id, update: row.payload }));
    },
    renewLeases: () => leases.renew(),
    releaseLeases: () => leases.release(),
    markDone(updateId) {
      doneIds.push(updateId);
      doneTimer ??= setTimeout(() => void flushDone(), DONE_FLUSH_MS).unref();
    },
    flush: () => flushDone(),
    async markFailed(updateId, error) {
      await markDone(pool, UPDATES, [updateId], { status: "failed", error, doneAt: true });
    },
    async noteAttempt(updateId, error) {
      await pool.query("UPDATE tg_updates SET attempts = attempts + 1, last_error = $2 WHERE update_id = $1", [
        updateId,
        error.slice(0, 500),
      ]);
    },
  };
}
