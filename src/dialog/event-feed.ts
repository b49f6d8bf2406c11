// The ordered event log consumers read with a cursor; it shows a row only once no earlier id can still commit.
import type { DialogEvent } from "@wewall/shared";
import { EventEmitter } from "node:events";
import type { Queryable } from "./dialog-store.js";

// Ids come from a sequence, so a later id can commit before an earlier one; rows written by transactions
// still running below the snapshot's xmin horizon are held back so a cursor never skips one.
const READ = `
  SELECT id, dialog_id, type, data, at FROM events
  WHERE id > $1 AND tx < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY id LIMIT $2`;

export function createEventFeed(db: Queryable) {
  const signal = new EventEmitter();
  signal.setMaxListeners(0);

  async function read(after: number, limit: number): Promise<DialogEvent[]> {
    const result = await db.query<{
      id: number;
      dialog_id: string;
      type: DialogEvent["type"];
      data: DialogEvent["data"];
      at: Date;
    }>(READ, [after, limit]);
    return result.rows.map((row) => ({
      id: row.id,
      dialogId: row.dialog_id,
      type: row.type,
      data: row.data,
      at: row.at.toISOString(),
    }));
  }

  return {
    read,
    /** Reads after the cursor, waiting up to waitMs for something to arrive. */
    async poll(after: number, limit: number, waitMs: number): Promise<DialogEvent[]> {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const events = await read(after, limit);
        const left = deadline - Date.now();
        if (events.length > 0 || left <= 0) return events;
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            signal.off("written", done);
            resolve();
          };
          // Another process may have written: look again at least every 250 ms.
          const timer = setTimeout(done, Math.min(left, 250));
          signal.once("written", done);
        });
      }
    },
    written(): void {
      signal.emit("written");
    },
  };
}

export type EventFeed = ReturnType<typeof createEventFeed>;
