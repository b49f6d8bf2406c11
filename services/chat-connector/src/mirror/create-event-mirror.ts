// Follows the core's event log and turns each event into outbox rows, in the same transaction as the cursor.
import {
  withTransaction,
  type CoreClient,
  type DialogEvent,
  type Logger,
  type Metrics,
  type TranscriptEntry,
} from "@wewall/shared";
import { createEventFeedFollower } from "@wewall/shared/event-feed";
import type pg from "pg";
import { coalesceCalls } from "../outbox/coalesce-calls.js";
import type { Outbox, OutboxCall } from "../outbox/create-outbox.js";
import type { DialogStore } from "../store/create-dialog-store.js";
import type { StateStore } from "../store/create-state-store.js";
import { planEvent, type PlanConfig } from "./plan-event.js";
import { historyBefore } from "./history-before.js";

export interface EventMirrorDeps {
  pool: pg.Pool;
  core: Pick<CoreClient, "events" | "transcript">;
  outbox: Outbox;
  dialogs: DialogStore;
  state: StateStore;
  config: PlanConfig;
  logger: Logger;
  // Where events the mirror cannot read are counted (they are logged at error level and skipped either way).
  metrics?: Metrics;
  onEnqueued?: () => void;
  waitMs?: number;
  pageSize?: number;
}

export type EventMirror = ReturnType<typeof createEventMirror>;

export function createEventMirror(deps: EventMirrorDeps) {
  const waitMs = deps.waitMs ?? 25_000;
  const pageSize = deps.pageSize ?? 500;
  let mirrored = 0;

  // Transcripts are fetched before the transaction: no pool client is held across network I/O.
  async function historiesFor(events: DialogEvent[]): Promise<Map<string, TranscriptEntry[]>> {
    const firsts = new Map<string, DialogEvent>();
    for (const event of events)
      if (!firsts.has(event.dialogId) && event.type !== "dialog.erased") firsts.set(event.dialogId, event);
    const known = await deps.dialogs.getMany([...firsts.keys()]);
    const histories = new Map<string, TranscriptEntry[]>();
    for (const [dialogId, first] of firsts) {
      if (known.has(dialogId)) continue;
      const transcript = await deps.core.transcript(dialogId).catch((error: unknown) => {
        deps.logger.warn({ dialogId, err: error }, "transcript unavailable; mirroring without history");
        return [];
      });
      histories.set(dialogId, historyBefore(transcript, first));
    }
    return histories;
  }

  // Returns false when another process applied this page first (the cursor moved): nothing is done twice.
  async function apply(events: DialogEvent[], after: number, cursor: number): Promise<boolean> {
    const histories = await historiesFor(events);
    const applied = await withTransaction(deps.pool, async (client) => {
      await client.query(
        "INSERT INTO amo_state (key, value) VALUES ('event_cursor', '0') ON CONFLICT (key) DO NOTHING",
      );
      const locked = await client.query<{ value: string }>(
        "SELECT value FROM amo_state WHERE key = 'event_cursor' FOR UPDATE",
      );
      if (Number(locked.rows[0]?.value ?? "0") !== after) return false;
      const calls: OutboxCall[] = [];
      for (const event of events) {
        const existing = await deps.dialogs.get(event.dialogId, client);
        const plan = planEvent(event, existing, deps.config, existing ? [] : (histories.get(event.dialogId) ?? []));
        if (plan.erase) {
          // Calls planned earlier in this page for the dialog must not outlive its erasure.
          for (let i = calls.length - 1; i >= 0; i--) if (calls[i]?.chatKey === event.dialogId) calls.splice(i, 1);
          await deps.dialogs.erase(event.dialogId, client);
        }
        if (plan.link) await deps.dialogs.save(plan.link, client);
        calls.push(...plan.calls);
      }
      await deps.outbox.enqueue(client, coalesceCalls(calls));
      await deps.state.set("event_cursor", String(cursor), client);
      return true;
    });
    if (!applied) return false;
    mirrored += events.length;
    deps.onEnqueued?.();
    return true;
  }

  const follower = createEventFeedFollower({
    loadCursor: async () => Number((await deps.state.get("event_cursor")) ?? "0"),
    readPage: (after, options) => deps.core.events(after, { limit: pageSize, ...options }),
    apply: (page, after) => apply(page.events, after, page.cursor),
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    waitMs,
  });

  return {
    once: follower.once,
    stats: () => ({ mirrored }),
    start: follower.start,
    stop: follower.stop,
  };
}
