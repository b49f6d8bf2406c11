// The send queue: one lane per chat, Telegram's limits, each part recorded before the next is sent.
import type { Api } from "grammy";
import { backoffDelay, BoundedMap, sleep, type Logger } from "@wewall/shared";
import type { BlockedChats } from "./blocked-chats.js";
import { classifySendError, type SendFailure } from "./classify-send-error.js";
import { describeError } from "./describe-error.js";
import { createLanes } from "./lanes.js";
import type { OutboxStore, StoredDelivery } from "./outbox-store.js";
import type { RateLimiter } from "./rate-limiter.js";
import { renderReply, withoutPhoto, type Part } from "./render-reply.js";
import { sendPart } from "./send-part.js";
import type { StatusReporter } from "./status-reporter.js";

export interface DeliveryWorkerDeps {
  api: Api;
  outbox: OutboxStore;
  blocked: BlockedChats;
  reporter: StatusReporter;
  logger: Logger;
  globalLimit: RateLimiter;
  chatLimit: RateLimiter;
  // Typing indicators have a budget of their own and are skipped beyond it: a burst of them (many chats waiting
  // on a slow core) must neither exceed Telegram's limits nor hold up the service.
  typingLimit: RateLimiter;
  /** Sees every failed send: a wait Telegram asked for, a retry, or giving up on the chat or the part. */
  observeFailure?: (failure: SendFailure) => void;
}

type PartOutcome =
  { kind: "sent"; ids: number[] } | { kind: "stopped" } | { kind: "failed"; code: string; error: string };

const TYPING_MS = 4_000;
const TYPING_DELAY_MS = 300;

export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const { api, outbox, logger } = deps;
  // When each chat last showed typing; the oldest are forgotten past the limit.
  const typingSince = new BoundedMap<string, number>(10_000);
  const typingTimers = new Map<string, NodeJS.Timeout>();
  const lanes = createLanes<StoredDelivery>({
    run: (chatId, delivery, signal) => deliver(chatId, delivery, signal),
    onError: (error, chatId, delivery) =>
      logger.error(
        { error: describeError(error), deliveryId: delivery.deliveryId },
        "delivery crashed; it stays pending",
      ),
    compare: (a, b) => a.seq - b.seq,
  });

  // A bookkeeping write that fails (the database restarting) is retried where it stands: giving up would leave the
  // delivery behind the chat's later ones, and a sent part unrecorded would be sent again after a restart. Only a
  // shutdown ends the retries (the delivery stays pending for the next start).
  const stopping = new AbortController();
  async function record(delivery: StoredDelivery, write: () => Promise<void>): Promise<void> {
    for (let failures = 1; ; failures += 1) {
      try {
        return await write();
      } catch (error) {
        if (stopping.signal.aborted) throw error;
        if (failures % 10 === 1) {
          logger.error(
            { error: describeError(error), deliveryId: delivery.deliveryId, failures },
            "could not record a delivery's progress; retrying",
          );
        }
        await sleep(backoffDelay(failures, { baseMs: 100, maxMs: 10_000 }), stopping.signal);
      }
    }
  }

  async function finish(delivery: StoredDelivery, sentIds: number[][], code?: string, error?: string) {
    const status = code ? "failed" : "sent";
    await record(delivery, () => outbox.finish(delivery.deliveryId, status, code, error));
    if (code) logger.warn({ deliveryId: delivery.deliveryId, errorCode: code }, "delivery failed");
    report(delivery, sentIds, code, error);
  }

  function report(delivery: StoredDelivery, sentIds: number[][], code?: string, error?: string): void {
    const status = code ? "failed" : "sent";
    if (!delivery.local) {
      deps.reporter.reportDelivery({
        deliveryId: delivery.deliveryId,
        status,
        sentIds,
        errorCode: code ?? null,
        error: error ?? null,
      });
    }
  }

  async function deliver(chatId: string, delivery: StoredDelivery, signal: AbortSignal): Promise<void> {
    const sentIds = [...delivery.sentIds];
    if (deps.blocked.has(chatId)) return finish(delivery, sentIds, "blocked", "the client blocked the bot");
    const parts: Part[] =
      "reply" in delivery
        ? renderReply(delivery.reply)
        : [{ kind: "clear-keyboard", messageId: delivery.clearKeyboardOf }];
    if (delivery.attemptPart !== null && delivery.attemptPart === sentIds.length) {
      // The documented at-least-once window: the process died while this part's request was in flight.
      logger.warn(
        { deliveryId: delivery.deliveryId, part: delivery.attemptPart },
        "resending a part of unknown outcome",
      );
    }
    for (let index = sentIds.length; index < parts.length; index += 1) {
      const part = parts[index];
      if (!part) break;
      let outcome = await sendWithRetries(chatId, delivery, index, part, signal);
      if (
        outcome.kind === "failed" &&
        outcome.code === "rejected" &&
        (part.kind === "photo" || part.kind === "album")
      ) {
        // A broken photo link should not cost the client the text and buttons: send them without the picture.
        logger.warn({ deliveryId: delivery.deliveryId, part: index }, "photo rejected by Telegram; sending without it");
        const fallback = withoutPhoto(part);
        outcome = fallback
          ? await sendWithRetries(chatId, delivery, index, fallback, signal)
          : { kind: "sent", ids: [] };
      }
      if (outcome.kind === "stopped") return;
      if (outcome.kind === "failed") {
        if (outcome.code === "blocked" && (await deps.blocked.block(chatId, delivery.dialogId))) {
          deps.reporter.reportBlocked(chatId, delivery.dialogId);
        }
        return finish(delivery, sentIds, outcome.code, outcome.error);
      }
      const last = index === parts.length - 1;
      const ids = outcome.ids;
      await record(delivery, () => outbox.markPartSent(delivery.deliveryId, index, ids, last));
      sentIds.push(outcome.ids);
      if (last) return report(delivery, sentIds);
    }
    // Only a delivery whose parts were all recorded before a restart gets here.
    return finish(delivery, sentIds);
  }

  async function sendWithRetries(
    chatId: string,
    delivery: StoredDelivery,
    index: number,
    part: Part,
    signal: AbortSignal,
  ): Promise<PartOutcome> {
    let attemptRecorded = false;
    for (let failures = 0; ;) {
      const messages = part.kind === "album" ? part.urls.length : 1;
      await deps.chatLimit.take(chatId, messages);
      await deps.globalLimit.take("", messages);
      if (signal.aborted) return { kind: "stopped" };
      if (!attemptRecorded) {
        await record(delivery, () => outbox.markAttempt(delivery.deliveryId, index));
        if (signal.aborted) return { kind: "stopped" };
        attemptRecorded = true;
      }
      try {
        return { kind: "sent", ids: await sendPart(api, chatId, part) };
      } catch (error) {
        const failure = classifySendError(error);
        deps.observeFailure?.(failure);
        if (failure.kind === "blocked") return { kind: "failed", code: "blocked", error: failure.message };
        if (failure.kind === "rejected") return { kind: "failed", code: "rejected", error: failure.message };
        if (failure.kind === "flood") {
          logger.warn({ deliveryId: delivery.deliveryId, waitMs: failure.waitMs }, "Telegram asked to slow down");
          await sleep(failure.waitMs, signal);
        } else {
          failures += 1;
          if (failures % 5 === 1) {
            logger.warn(
              { deliveryId: delivery.deliveryId, failures, reason: failure.message },
              "send failed; retrying",
            );
          }
          await sleep(backoffDelay(failures, { baseMs: 250, maxMs: 30_000 }), signal);
        }
        if (signal.aborted) return { kind: "stopped" };
      }
    }
  }

  return {
    enqueue(delivery: StoredDelivery): void {
      clearTimeout(typingTimers.get(delivery.chatId));
      typingTimers.delete(delivery.chatId);
      lanes.push(delivery.chatId, delivery);
    },
    async resume(): Promise<void> {
      for (const delivery of await outbox.pending()) lanes.push(delivery.chatId, delivery);
    },
    // Shows `typing` while the core works; best effort, it is not a message and carries no state.
    // It waits a moment first: a reply that comes at once makes it pointless (sending clears it anyway).
    typing(chatId: string): void {
      if (deps.blocked.has(chatId) || typingTimers.has(chatId)) return;
      const now = Date.now();
      if ((typingSince.get(chatId) ?? 0) > now - TYPING_MS) return;
      const timer = setTimeout(() => {
        typingTimers.delete(chatId);
        if (!deps.typingLimit.tryTake()) return;
        typingSince.set(chatId, Date.now());
        api.sendChatAction(chatId, "typing").catch(() => undefined);
      }, TYPING_DELAY_MS);
      typingTimers.set(chatId, timer);
    },
    // The rows were erased: what is still queued of them is not sent, a running one stops before its next part.
    drop(chatId: string, deliveryIds: Set<string>): void {
      lanes.drop(chatId, (delivery) => deliveryIds.has(delivery.deliveryId));
    },
    idle: () => lanes.idle(),
    stop: async () => {
      for (const timer of typingTimers.values()) clearTimeout(timer);
      typingTimers.clear();
      stopping.abort();
      await lanes.stop();
    },
    get queued() {
      return lanes.size;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
