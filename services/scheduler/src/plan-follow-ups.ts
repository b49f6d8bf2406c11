// Follows the core's event feed and keeps one follow-up planned per silent dialog: each page is folded into the
// dialogs' states, what waits is cancelled or replaced, and the cursor stored, all in one transaction.
import type pg from "pg";
import { withTransaction, type CoreClient, type DialogEvent, type Logger, type Metrics } from "@wewall/shared";
import { createEventFeedFollower, type EventFeedFollower, type EventPage } from "@wewall/shared/event-feed";
import { foldEvent, strongerCause, type DialogState } from "./dialog-facts.js";
import { loadStates, saveState } from "./dialog-state-store.js";
import { nextRung } from "./follow-up-ladder.js";
import type { CancelCause, SchedulerMetrics } from "./scheduler-metrics.js";
import { nextSendableTime, type SendingHours } from "./sending-hours.js";

export interface FollowUpPlannerDeps {
  pool: pg.Pool;
  core: Pick<CoreClient, "events">;
  logger: Logger;
  metrics: Metrics;
  counters: SchedulerMetrics;
  hours: SendingHours;
  maxFollowUps: number;
  now: () => Date;
  waitMs?: number;
}

const CURSOR_KEY = "feed";

interface PageOutcome {
  cancelled: CancelCause[];
  scheduled: string[];
  answered: number;
}

export function createFollowUpPlanner(deps: FollowUpPlannerDeps): EventFeedFollower {
  async function loadCursor(): Promise<number> {
    const result = await deps.pool.query<{ value: string }>("SELECT value FROM scheduler_cursor WHERE key = $1", [
      CURSOR_KEY,
    ]);
    return Number(result.rows[0]?.value ?? 0);
  }

  async function apply(page: EventPage, after: number): Promise<void> {
    const now = deps.now();
    const outcome = await withTransaction(deps.pool, async (db) => {
      await db.query("INSERT INTO scheduler_cursor (key, value) VALUES ($1, 0) ON CONFLICT DO NOTHING", [CURSOR_KEY]);
      const stored = await db.query<{ value: string }>("SELECT value FROM scheduler_cursor WHERE key = $1 FOR UPDATE", [
        CURSOR_KEY,
      ]);
      // Another replica applied this page while this one read it.
      if (Number(stored.rows[0]?.value ?? 0) !== after) return undefined;
      const result = await applyEvents(db, page.events, now);
      await db.query("UPDATE scheduler_cursor SET value = $2, updated_at = now() WHERE key = $1", [
        CURSOR_KEY,
        page.cursor,
      ]);
      return result;
    });
    if (!outcome) return;
    for (const cause of outcome.cancelled) deps.counters.cancelled.inc({ cause });
    for (const kind of outcome.scheduled) deps.counters.scheduled.inc({ kind });
    deps.counters.answered.inc(outcome.answered);
  }

  async function applyEvents(db: pg.PoolClient, events: DialogEvent[], now: Date): Promise<PageOutcome> {
    const outcome: PageOutcome = { cancelled: [], scheduled: [], answered: 0 };
    const touched = new Map<string, CancelCause>();
    const relevant = events.filter((event) => event.type !== "delivery.status");
    const states = await loadStates(db, [...new Set(relevant.map((event) => event.dialogId))]);
    for (const event of relevant) {
      const state = states.get(event.dialogId);
      const folded = state && foldEvent(state, event, now);
      if (!folded) continue;
      if (folded.answered) outcome.answered += 1;
      touched.set(event.dialogId, strongerCause(touched.get(event.dialogId), folded.cause));
    }
    for (const [dialogId, cause] of touched) {
      const state = states.get(dialogId);
      if (!state) continue;
      if (cause === "erased") {
        outcome.cancelled.push(...(await forget(db, dialogId)));
        continue;
      }
      outcome.cancelled.push(...(await cancelWaiting(db, dialogId, cause)));
      await saveState(db, state);
      const kind = await plan(db, state);
      if (kind) outcome.scheduled.push(kind);
    }
    return outcome;
  }

  // The next rung, due its delay after the bot's last word, moved out of the client's quiet hours.
  async function plan(db: pg.PoolClient, state: DialogState): Promise<string | undefined> {
    const eligible =
      state.owner === "bot" &&
      !state.blocked &&
      !state.stopped &&
      !state.lead &&
      state.awaitingClient &&
      state.lastBotAt !== null &&
      state.sentTotal < deps.maxFollowUps;
    const next = eligible ? nextRung(state, state.inARow) : undefined;
    if (!next || !state.lastBotAt) return undefined;
    const hours = state.timeZone ? { ...deps.hours, timeZone: state.timeZone } : deps.hours;
    const due = nextSendableTime(new Date(state.lastBotAt.getTime() + next.rung.afterMs), hours);
    await db.query(
      `INSERT INTO scheduler_follow_ups (dialog_id, situation, rung, kind, due_at, if_last_event_id)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [state.dialogId, next.situation, state.inARow, next.rung.kind, due, state.lastEventId],
    );
    return next.rung.kind;
  }

  return createEventFeedFollower({
    loadCursor,
    readPage: (after, options) => deps.core.events(after, { limit: 1000, ...options }),
    apply,
    logger: deps.logger,
    metrics: deps.metrics,
    ...(deps.waitMs === undefined ? {} : { waitMs: deps.waitMs }),
  });
}

async function cancelWaiting(db: pg.PoolClient, dialogId: string, cause: CancelCause): Promise<CancelCause[]> {
  const result = await db.query(
    `UPDATE scheduler_follow_ups SET status = 'cancelled', cause = $2, settled_at = now(), lease_until = NULL
     WHERE dialog_id = $1 AND status = 'pending'`,
    [dialogId, cause],
  );
  return Array.from({ length: result.rowCount ?? 0 }, () => cause);
}

// Erasure keeps nothing about the client here either: what waited is counted as cancelled, then every row goes.
async function forget(db: pg.PoolClient, dialogId: string): Promise<CancelCause[]> {
  const removed = await db.query<{ status: string }>(
    "DELETE FROM scheduler_follow_ups WHERE dialog_id = $1 RETURNING status",
    [dialogId],
  );
  await db.query("DELETE FROM scheduler_dialogs WHERE dialog_id = $1", [dialogId]);
  return removed.rows.filter((row) => row.status === "pending").map((): CancelCause => "erased");
}
