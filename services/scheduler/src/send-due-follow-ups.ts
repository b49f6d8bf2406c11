// Sends the follow-ups that are due: each claimed with a lease (two replicas never hold the same one), sent through
// the core (which refuses it if the dialog moved on, and sends a repeated followUpId only once), then settled.
import type pg from "pg";
import {
  backoffDelay,
  CoreError,
  repeatInBatches,
  type CoreClient,
  type FollowUpRefusal,
  type Logger,
} from "@wewall/shared";
import { FOLLOW_UP_LADDER, type DialogFacts, type Situation } from "./follow-up-ladder.js";
import type { CancelCause, SchedulerMetrics } from "./scheduler-metrics.js";
import { nextSendableTime, type SendingHours } from "./sending-hours.js";

export interface FollowUpSenderDeps {
  pool: pg.Pool;
  core: Pick<CoreClient, "followUp">;
  logger: Logger;
  counters: SchedulerMetrics;
  hours: SendingHours;
  now: () => Date;
  tickMs: number;
  /** How long a claimed follow-up stays this sender's; a sender that dies releases it by letting it lapse. */
  leaseMs?: number;
  batch?: number;
}

export interface FollowUpSender {
  /** Claims and sends what is due now; resolves with how many were claimed. */
  once(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

// Skips rows another sender is claiming this instant (SKIP LOCKED) and rows whose lease has not lapsed.
const CLAIM = `
  UPDATE scheduler_follow_ups f SET lease_until = $2, attempts = f.attempts + 1
  FROM (
    SELECT id FROM scheduler_follow_ups
    WHERE status = 'pending' AND due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
    ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
  ) c
  WHERE f.id = c.id
  RETURNING f.id, f.dialog_id, f.situation, f.rung, f.kind, f.if_last_event_id, f.attempts,
    (SELECT json_build_object('stage', d.stage, 'intent', d.intent, 'lastQuestion', d.last_question,
       'timeZone', d.time_zone) FROM scheduler_dialogs d WHERE d.dialog_id = f.dialog_id) AS dialog`;

interface ClaimedRow {
  id: string;
  dialog_id: string;
  situation: Situation;
  rung: number;
  kind: string;
  if_last_event_id: string;
  attempts: number;
  dialog: (DialogFacts & { timeZone: string | null }) | null;
}

const REFUSAL_CAUSES: Record<FollowUpRefusal, CancelCause> = {
  manager: "manager",
  client_wrote: "client_message",
  moved: "moved",
  blocked: "blocked",
  unsubscribed: "stopped",
};

export function createFollowUpSender(deps: FollowUpSenderDeps): FollowUpSender {
  const leaseMs = deps.leaseMs ?? 60_000;
  const batch = deps.batch ?? 100;

  async function settle(id: string, status: "sent" | "cancelled" | "failed", cause: string | null): Promise<void> {
    // A refusal does not overwrite a cancellation the planner wrote meanwhile; a send is the truth whatever it says.
    const onlyPending = status === "sent" ? "" : "AND status = 'pending'";
    await deps.pool.query(
      `UPDATE scheduler_follow_ups SET status = $2, cause = $3, settled_at = $4, lease_until = NULL
       WHERE id = $1 ${onlyPending}`,
      [id, status, cause, deps.now()],
    );
  }

  async function send(row: ClaimedRow, now: Date): Promise<void> {
    const state = row.dialog ?? undefined;
    const rung = FOLLOW_UP_LADDER[row.situation]?.[row.rung];
    if (!state || !rung) {
      await settle(row.id, "cancelled", "replanned");
      deps.counters.cancelled.inc({ cause: "replanned" });
      return;
    }
    // Due in the day, claimed at night (a backlog, a restart): it waits for the morning.
    const hours = state.timeZone ? { ...deps.hours, timeZone: state.timeZone } : deps.hours;
    const sendable = nextSendableTime(now, hours);
    if (sendable.getTime() > now.getTime()) {
      await deps.pool.query("UPDATE scheduler_follow_ups SET due_at = $2, lease_until = NULL WHERE id = $1", [
        row.id,
        sendable,
      ]);
      return;
    }
    const words = rung.words(state);
    try {
      const answer = await deps.core.followUp(row.dialog_id, {
        followUpId: `s${row.id}`,
        kind: rung.kind,
        ...words,
        ifLastEventId: Number(row.if_last_event_id),
      });
      if (answer.sent) {
        await settle(row.id, "sent", null);
        if (!answer.duplicate) deps.counters.sent.inc({ kind: rung.kind });
        return;
      }
      const cause = REFUSAL_CAUSES[answer.reason];
      await settle(row.id, "cancelled", cause);
      deps.counters.cancelled.inc({ cause });
    } catch (error) {
      if (error instanceof CoreError && error.status === 404) {
        await settle(row.id, "cancelled", "erased");
        deps.counters.cancelled.inc({ cause: "erased" });
      } else if (error instanceof CoreError && !error.retryable) {
        deps.logger.error({ err: error, followUp: row.id }, "the core refused a follow-up; giving it up");
        await settle(row.id, "failed", error.code);
      } else {
        // Held until the backoff lapses, then due again.
        const retryAt = new Date(now.getTime() + backoffDelay(row.attempts, { baseMs: 1000, maxMs: 300_000 }));
        deps.logger.warn({ err: error, followUp: row.id, attempts: row.attempts }, "follow-up not sent; retrying");
        await deps.pool.query("UPDATE scheduler_follow_ups SET lease_until = $2, last_error = $3 WHERE id = $1", [
          row.id,
          retryAt,
          error instanceof Error ? error.message.slice(0, 300) : "unknown",
        ]);
      }
    }
  }

  async function once(): Promise<number> {
    const now = deps.now();
    const claimed = await deps.pool.query<ClaimedRow>(CLAIM, [now, new Date(now.getTime() + leaseMs), batch]);
    await Promise.all(claimed.rows.map((row) => send(row, now)));
    return claimed.rows.length;
  }

  return repeatInBatches({
    once,
    batch: batch,
    pauseMs: deps.tickMs,
    logger: deps.logger,
    failure: "follow-up sender: database unavailable; retrying",
  });
}
