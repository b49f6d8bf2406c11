// Drains stored updates through the bot, one chat at a time in update order; an update stays stored until handled.
import { BotError, type Bot } from "grammy";
import { backoffDelay, CoreError, sleep, type Logger } from "@wewall/shared";
import { describeError } from "./describe-error.js";
import type { InboxStore, StoredUpdate } from "./inbox-store.js";
import { isDatabaseUnavailable } from "./is-database-unavailable.js";
import { createLanes } from "./lanes.js";

// Errors that are neither "core down", "database down" nor "core said no" (a bug, say) get this many tries.
const MAX_UNEXPECTED_FAILURES = 8;
// Telegram may deliver one chat's updates over parallel webhook connections; a short hold lets them sort. An
// earlier update still being stored (its statement slower than this one's) is waited for as well.
const REORDER_WINDOW_MS = 25;
// A bound for a backlog (the core slow or down), far above what the core client keeps in flight.
const CONCURRENT_CHATS = 1_000;

export function createUpdateWorker(deps: { bot: Bot; inbox: InboxStore; logger: Logger }) {
  const { bot, inbox, logger } = deps;
  const lanes = createLanes<StoredUpdate>({
    run: (_chat, stored, signal) => handle(stored, signal),
    onError: (error, _chat, stored) =>
      logger.error(
        { error: describeError(error), updateId: stored.updateId },
        "update handling crashed; it stays pending",
      ),
    compare: (a, b) => a.updateId - b.updateId,
    hold: async () => {
      await sleep(REORDER_WINDOW_MS);
      await inbox.settled();
    },
    concurrency: CONCURRENT_CHATS,
  });

  // The one error boundary of the bot: decides between retrying an update and recording it as failed.
  async function handle(stored: StoredUpdate, signal: AbortSignal): Promise<void> {
    let unexpected = 0;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await bot.handleUpdate(stored.update);
        inbox.markDone(stored.updateId);
        return;
      } catch (error) {
        const cause = error instanceof BotError ? error.error : error;
        const passing = (cause instanceof CoreError && cause.retryable) || isDatabaseUnavailable(cause);
        const rejected = cause instanceof CoreError && !cause.retryable;
        if (!passing && !rejected) unexpected += 1;
        if (rejected || unexpected >= MAX_UNEXPECTED_FAILURES) {
          logger.error(
            { error: describeError(cause), updateId: stored.updateId },
            "update could not be handled; recorded as failed",
          );
          await inbox.markFailed(stored.updateId, cause instanceof Error ? cause.message : String(cause));
          return;
        }
        if (attempt % 10 === 0)
          logger.warn({ error: describeError(cause), updateId: stored.updateId, attempt }, "update retry");
        await inbox.noteAttempt(stored.updateId, cause instanceof Error ? cause.message : String(cause)).catch(() => {
          // The attempt counter is informational; the retry matters more.
        });
        await sleep(backoffDelay(attempt, { baseMs: 200, maxMs: 15_000 }), signal);
        if (signal.aborted) return;
      }
    }
  }

  return {
    enqueue(stored: StoredUpdate): void {
      lanes.push(stored.chatId ?? "none", stored);
    },
    async resume(): Promise<void> {
      for (const stored of await inbox.pending()) lanes.push(stored.chatId ?? "none", stored);
    },
    // The rows were erased: what is still queued of them is forgotten, a running one stops at its next retry.
    drop(chatId: string, updateIds: Set<number>): void {
      lanes.drop(chatId, (stored) => updateIds.has(stored.updateId));
    },
    idle: () => lanes.idle(),
    stop: () => lanes.stop(),
    get queued() {
      return lanes.size;
    },
  };
}

export type UpdateWorker = ReturnType<typeof createUpdateWorker>;
