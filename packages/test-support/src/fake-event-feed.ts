// The fake core's event feed: an in-memory log read in pages, where a read with nothing new waits (the long poll).
import type { EventEnvelope, EventType } from "@wewall/shared";

export interface FakeEventFeed {
  events: EventEnvelope[];
  /** Appends an event with its data as given, not checked: a test may serve an event its reader cannot read. */
  emit(dialogId: string, type: EventType, data: Record<string, unknown>): EventEnvelope;
  /** One page after `after`, waiting up to `waitMs` (at most 30 s) for a first new event. */
  page(after: number, limit: number, waitMs: number): Promise<{ events: EventEnvelope[]; cursor: number }>;
  /** Ends every waiting read, as a closing server must. */
  wakeAll(): void;
}

export function createFakeEventFeed(): FakeEventFeed {
  const events: EventEnvelope[] = [];
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of waiters) wake();
  };
  return {
    events,
    wakeAll,
    emit(dialogId, type, data) {
      const event = { id: events.length + 1, dialogId, type, data, at: new Date().toISOString() };
      events.push(event);
      wakeAll();
      return event;
    },
    async page(after, limit, waitMs) {
      if (!events.some((event) => event.id > after) && waitMs > 0) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, Math.min(waitMs, 30_000));
          waiters.add(wake);
        });
      }
      const page = events.filter((event) => event.id > after).slice(0, limit);
      return { events: page, cursor: page.at(-1)?.id ?? after };
    },
  };
}
