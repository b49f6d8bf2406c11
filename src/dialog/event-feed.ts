// The ordered event log consumers read with a cursor and long-poll; served as stored (producers are held to the
// event union by tests, not by parsing each read).
import type { EventEnvelope } from "@wewall/shared";
import { EventEmitter } from "node:events";
import type { Queryable } from "./dialog-store.js";

// Ids come from a sequence, so a transaction holding a smaller id may commit after a larger one is visible.
// A reader stops at such a gap until the missing id appears, or until the event after the gap has settled for
// GAP_SETTLE (then the missing id belonged to a transaction that rolled back, or to an erased dialog).
const READ = `
  SELECT id, dialog_id, type, data, at, at < now() - make_interval(secs => $3) AS settled
  FROM events WHERE id > $1 ORDER BY id LIMIT $2`;
const GAP_SETTLE_SECONDS = 5;

interface EventRow {
  id: number;
  dialog_id: string;
  type: string;
  data: EventEnvelope["data"];
  at: Date;
  settled: boolean;
}

export function createEventFeed(db: Queryable) {
  const signal = new EventEmitter();
  signal.setMaxListeners(0);
  // Set when the core stops: a waiting read answers at once, or a connector's long poll would hold the stop past
  // SHUTDOWN_TIMEOUT_MS (the HTTP server waits for in-flight requests).
  let closed = false;

  async function read(after: number, limit: number): Promise<EventEnvelope[]> {
    const result = await db.query<EventRow>(READ, [after, limit, GAP_SETTLE_SECONDS]);
    const events: EventEnvelope[] = [];
    let expected = after + 1;
    for (const row of result.rows) {
      if (row.id !== expected && !row.settled) break;
      events.push({ id: row.id, dialogId: row.dialog_id, type: row.type, data: row.data, at: row.at.toISOString() });
      expected = row.id + 1;
    }
    return events;
  }

  return {
    read,
    /** Reads after the cursor, waiting up to waitMs for something to arrive. */
    async poll(after: number, limit: number, waitMs: number): Promise<EventEnvelope[]> {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const events = await read(after, limit);
        const left = deadline - Date.now();
        if (events.length > 0 || left <= 0 || closed) return events;
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
    /** Ends every waiting read with what it has; later reads do not wait. */
    close(): void {
      closed = true;
      signal.emit("written");
    },
  };
}

export type EventFeed = ReturnType<typeof createEventFeed>;
