// Decides when a dialog's turn runs: after a quiet burst window (capped), one at a time, and wakes whoever waits for it.
import { backoffDelay, type Logger, type Reply } from "@wewall/shared";
import type { DialogLock } from "./dialog-lock.js";
import type { TurnOutcome } from "./commit-turn.js";
import type { TurnInputRows } from "./dialog-store.js";

export interface TurnSchedulerDeps {
  lock: DialogLock;
  run: (dialogId: string, input: TurnInputRows | undefined) => Promise<void>;
  burstWindowMs: number;
  burstWindowCapMs: number;
  logger: Logger;
}

interface DialogSchedule {
  firstAt: number;
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  /** What the latest accepted message read of the dialog, while no turn ran since. */
  input: TurnInputRows | undefined;
}

export function createTurnScheduler(deps: TurnSchedulerDeps) {
  const schedules = new Map<string, DialogSchedule>();
  const waiters = new Map<number, (replies: Reply[]) => void>();
  const failures = new Map<string, number>();

  function kick(dialogId: string, input?: TurnInputRows): void {
    const schedule = schedules.get(dialogId) ?? {
      firstAt: Date.now(),
      timer: null,
      running: false,
      again: false,
      input: undefined,
    };
    schedules.set(dialogId, schedule);
    if (schedule.running) {
      schedule.again = true;
      return;
    }
    schedule.input = input;
    if (schedule.timer) clearTimeout(schedule.timer);
    const due = Math.min(Date.now() + deps.burstWindowMs, schedule.firstAt + deps.burstWindowCapMs);
    schedule.timer = setTimeout(() => void start(dialogId, schedule), Math.max(due - Date.now(), 0));
  }

  async function start(dialogId: string, schedule: DialogSchedule): Promise<void> {
    schedule.timer = null;
    schedule.running = true;
    const input = schedule.input;
    schedule.input = undefined;
    try {
      await deps.lock.withLock(dialogId, () => deps.run(dialogId, input));
      failures.delete(dialogId);
    } catch (error) {
      const count = (failures.get(dialogId) ?? 0) + 1;
      failures.set(dialogId, count);
      deps.logger.error({ err: error, dialogId, attempt: count }, "turn failed; will retry");
      setTimeout(() => kick(dialogId), backoffDelay(count, { baseMs: 200, maxMs: 30_000, jitter: 0 }));
    } finally {
      schedule.running = false;
      if (schedule.again) {
        schedule.again = false;
        schedule.firstAt = Date.now();
        kick(dialogId);
      } else if (!schedule.timer) schedules.delete(dialogId);
    }
  }

  return {
    kick,
    /** Resolves with the replies of the turn that takes this inbox message. */
    waitFor(inboxId: number): Promise<Reply[]> {
      return new Promise((resolve) => waiters.set(inboxId, resolve));
    },
    forget(inboxId: number): void {
      waiters.delete(inboxId);
    },
    committed(outcome: TurnOutcome): void {
      for (const id of outcome.inboxIds) {
        const resolve = waiters.get(id);
        if (!resolve) continue;
        waiters.delete(id);
        resolve(outcome.replies);
      }
    },
    idle(): boolean {
      return schedules.size === 0;
    },
    stop(): void {
      for (const schedule of schedules.values()) if (schedule.timer) clearTimeout(schedule.timer);
      schedules.clear();
    },
  };
}

export type TurnScheduler = ReturnType<typeof createTurnScheduler>;
