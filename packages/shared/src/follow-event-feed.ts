// Follows the core's event feed (GET /v1/events) from a stored cursor: long-polls a page, applies it, backs off on failure.
import type { DialogEvent } from "./contracts/dialogs.js";
import type { Logger } from "./logger.js";

export interface EventPage {
  events: DialogEvent[];
  cursor: number;
}

export interface EventFeedFollowerDeps {
  // The cursor stored with the last applied page: events after it are not applied yet.
  loadCursor(): Promise<number>;
  readPage(after: number, options: { waitMs: number; signal: AbortSignal }): Promise<EventPage>;
  // Applies the page and stores page.cursor in the same transaction, so a restart neither skips nor repeats it.
  apply(page: EventPage, after: number): Promise<unknown>;
  logger: Logger;
  // How long one read waits for events to arrive (the core allows up to 30 s).
  waitMs?: number;
}

export interface EventFeedFollower {
  // Reads and applies one page without waiting; resolves with the number of events in it.
  once(): Promise<number>;
  start(): void;
  // Cuts a waiting read short and resolves when the loop has ended; a page being applied finishes first.
  stop(): Promise<void>;
}

export function createEventFeedFollower(deps: EventFeedFollowerDeps): EventFeedFollower {
  const waitMs = deps.waitMs ?? 25_000;
  let running = false;
  let loop: Promise<void> | undefined;
  let stopping = new AbortController();

  async function step(wait: number): Promise<number> {
    const after = await deps.loadCursor();
    const page = await deps.readPage(after, { waitMs: wait, signal: stopping.signal });
    // An empty page can still move the cursor (past events of erased dialogs).
    if (page.events.length > 0 || page.cursor !== after) await deps.apply(page, after);
    return page.events.length;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
      stopping.signal.addEventListener("abort", done, { once: true });
    });
  }

  return {
    once: () => step(0),
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      loop = (async () => {
        for (let failures = 0; running;) {
          try {
            await step(waitMs);
            failures = 0;
          } catch (error) {
            if (!running) break;
            failures += 1;
            deps.logger.warn({ err: error, failures }, "event feed unavailable; retrying");
            await pause(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
          }
        }
      })();
    },
    async stop() {
      running = false;
      stopping.abort();
      await loop;
    },
  };
}
