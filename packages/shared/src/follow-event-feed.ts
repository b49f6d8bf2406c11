// Follows the core's event feed (GET /v1/events) from a stored cursor: long-polls a page, applies it, backs off on failure.
import { eventTypeSchema, type EventPage, type UnreadableEvent } from "./contracts/events.js";
import { backoffDelay } from "./backoff-delay.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { sleep } from "./sleep.js";

export type { EventPage, UnreadableEvent };

export interface EventFeedFollowerDeps {
  // The cursor stored with the last applied page: events after it are not applied yet.
  loadCursor(): Promise<number>;
  readPage(after: number, options: { waitMs: number; signal: AbortSignal }): Promise<EventPage>;
  // Applies the page and stores page.cursor in the same transaction, so a restart neither skips nor repeats it.
  apply(page: EventPage, after: number): Promise<unknown>;
  logger: Logger;
  // Counts the events this reader could not read (wewall_events_unreadable_total), by type.
  metrics?: Metrics;
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
  const unreadableTotal = deps.metrics?.counter({
    name: "wewall_events_unreadable_total",
    help: "Events of the core's feed this service could not read and skipped",
    labelNames: ["type"],
  });

  // The reader goes on past what it cannot read (a stuck feed would stop every dialog), but never silently.
  function report(unreadable: readonly UnreadableEvent[]): void {
    for (const { event, problems } of unreadable) {
      const known = eventTypeSchema.safeParse(event.type);
      unreadableTotal?.inc({ type: known.success ? known.data : "unknown" });
      deps.logger.error(
        { eventId: event.id, type: event.type, problems },
        "event feed: skipped an event this service cannot read",
      );
    }
  }

  async function step(wait: number): Promise<number> {
    const after = await deps.loadCursor();
    const page = await deps.readPage(after, { waitMs: wait, signal: stopping.signal });
    const skipped = page.unreadable ?? [];
    // An empty page can still move the cursor (past events of erased dialogs, or past unreadable ones).
    if (page.events.length > 0 || page.cursor !== after) await deps.apply(page, after);
    // Reported once the page is applied: a page retried after a failed apply is not counted twice.
    report(skipped);
    return page.events.length + skipped.length;
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
            await sleep(backoffDelay(failures, { baseMs: 250, maxMs: 30_000, jitter: 0 }), stopping.signal);
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
