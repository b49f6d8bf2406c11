// Tells the core what became of each delivery and which chats blocked the bot, retrying until it listens.
import { backoffDelay, CoreError, sleep, type CoreClient, type DeliveryStatus, type Logger } from "@wewall/shared";
import type { BlockedChats } from "./blocked-chats.js";
import { describeError } from "./describe-error.js";
import type { FinishedDelivery, OutboxStore } from "./outbox-store.js";

export interface StatusReporter {
  reportDelivery(finished: FinishedDelivery): void;
  reportBlocked(chatId: string, dialogId: string): void;
  // Picks up what a previous process finished but could not report.
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export function toDeliveryStatus(finished: FinishedDelivery): DeliveryStatus {
  if (finished.status === "sent") {
    const ids = finished.sentIds.flat().join(",");
    return { status: "delivered", ...(ids ? { channelMessageId: ids.slice(0, 200) } : {}) };
  }
  return {
    status: "failed",
    errorCode: (finished.errorCode ?? "failed").slice(0, 64),
    ...(finished.error ? { error: finished.error.slice(0, 500) } : {}),
  };
}

export function createStatusReporter(deps: {
  core: CoreClient;
  outbox: OutboxStore;
  blocked: BlockedChats;
  logger: Logger;
}): StatusReporter {
  const controller = new AbortController();
  const tasks = new Set<Promise<void>>();

  function retrying(what: Record<string, string>, send: () => Promise<void>, done: () => Promise<void>): void {
    const task = (async () => {
      for (let attempt = 0; !controller.signal.aborted; attempt += 1) {
        try {
          await send();
          await done();
          return;
        } catch (error) {
          // The core refusing the report will not change with retries; the row stays for an operator.
          if (error instanceof CoreError && !error.retryable) {
            deps.logger.warn({ ...what, error: describeError(error) }, "core rejected a report");
            await done().catch(() => undefined);
            return;
          }
          if (attempt % 10 === 0)
            deps.logger.warn({ ...what, attempt, error: describeError(error) }, "report to core failed; retrying");
          await sleep(backoffDelay(attempt, { baseMs: 200, maxMs: 30_000 }), controller.signal);
        }
      }
    })();
    tasks.add(task);
    void task.finally(() => tasks.delete(task));
  }

  const reporter: StatusReporter = {
    reportDelivery(finished) {
      retrying(
        { deliveryId: finished.deliveryId },
        () => deps.core.reportStatus(finished.deliveryId, toDeliveryStatus(finished)),
        () => deps.outbox.markReported(finished.deliveryId),
      );
    },
    reportBlocked(chatId, dialogId) {
      retrying(
        { dialogId },
        () => deps.core.reportBlocked(dialogId),
        () => deps.blocked.markReported(chatId),
      );
    },
    async resume() {
      for (const finished of await deps.outbox.unreported()) reporter.reportDelivery(finished);
      for (const chat of await deps.blocked.unreported()) reporter.reportBlocked(chat.chatId, chat.dialogId);
    },
    async stop() {
      controller.abort();
      while (tasks.size > 0) await Promise.all(tasks);
    },
  };
  return reporter;
}
