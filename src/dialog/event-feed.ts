// The ordered event log consumers read with a cursor and long-poll.
import type { DialogEvent } from "@wewall/shared";
import { EventEmitter } from "node:events";
import type { Queryable } from "./dialog-store.js";

// Writers take EVENT_ORDER_LOCK before drawing ids, so ids are in commit order and reading by id is gap-safe.
const READ = "SELECT id, dialog_id, type, data, at FROM events WHERE id > $1 ORDER BY id LIMIT $2";

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
