// The core's dialog machinery in one object: accept, schedule and run turns, deliver, publish events, hand over.
import {
  sleep,
  type DeliveryStatus,
  type EventData,
  type FollowUpAnswer,
  type FollowUpRequest,
  type IncomingMessage,
  type Logger,
  type OperatorMessage,
  type Reply,
  type Metrics,
} from "@wewall/shared";
import type pg from "pg";
import type { FunnelGraph } from "../graph/graph.js";
import type { DialogLock } from "./dialog-lock.js";
import {
  acceptMessage,
  dialogsWithPendingMessages,
  enqueueResume,
  eraseDialog,
  markBlocked,
  repliesOfTurn,
  setOwner,
  splitDialogId,
  waitingInboxId,
} from "./dialog-store.js";
import { createEventFeed } from "./event-feed.js";
import { createOutboxDeliverer } from "./outbox-deliverer.js";
import { sendFollowUp } from "./send-follow-up.js";
import type { TurnCheckpointer } from "./turn-checkpointer.js";
import { createTurnRunner } from "./turn-runner.js";
import { createTurnScheduler } from "./turn-scheduler.js";

export interface DialogEngineDeps {
  pool: pg.Pool;
  graph: FunnelGraph;
  checkpointer: TurnCheckpointer;
  lock: DialogLock;
  logger: Logger;
  channelUrls: Record<string, string>;
  /** The core's service token, sent with every push: connectors refuse pushes without it. */
  coreToken?: string | undefined;
  burstWindowMs: number;
  burstWindowCapMs: number;
  checkpointsKept: number;
  metrics: Metrics;
}

// A manager's message makes the dialog theirs in the same statement, and only when the message is new: a repeated
// messageId must not take back a dialog a manager has since released.
const OPERATOR_MESSAGE = `
  WITH d AS (
    INSERT INTO dialogs (id, channel, chat_id, owner) VALUES ($1, $2, $3, 'manager') ON CONFLICT (id) DO NOTHING
    RETURNING id
  ), o AS (
    INSERT INTO outbox (delivery_id, dialog_id, author, reply, source_message_id) VALUES ($4, $1, 'manager', $5, $8)
    ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id
  ), w AS (
    UPDATE dialogs SET owner = 'manager', updated_at = now()
    WHERE id = $1 AND owner <> 'manager' AND EXISTS (SELECT FROM o) RETURNING id
  ), t AS (
    INSERT INTO transcript (dialog_id, author, text) SELECT $1, 'manager', $6 FROM o
  ), e AS (
    INSERT INTO events (dialog_id, type, data)
    SELECT $1, v.type, v.data FROM (VALUES (1, 'owner.changed', $9::jsonb), (2, 'message.out', $7::jsonb)) v (n, type, data)
    -- A dialog created here is created manager-owned: that is an owner change too, and every one has its event.
    WHERE (v.n = 1 AND (EXISTS (SELECT FROM w) OR EXISTS (SELECT FROM d))) OR (v.n = 2 AND EXISTS (SELECT FROM o))
    ORDER BY v.n
  )
  SELECT delivery_id FROM o`;

// A report on a delivery already settled (delivered, cancelled) is a connector repeating itself: it changes nothing.
const DELIVERY_STATUS = `
  WITH u AS (
    UPDATE outbox SET status = $2, last_error = $3 WHERE delivery_id = $1 AND status IN ('acked', 'pending', 'failed')
    RETURNING dialog_id, author, source_message_id
  ), e AS (
    INSERT INTO events (dialog_id, type, data)
    SELECT dialog_id, 'delivery.status', $4::jsonb || jsonb_build_object('author', author) ||
      CASE WHEN source_message_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('messageId', source_message_id) END
    FROM u
  )
  SELECT EXISTS (SELECT FROM outbox WHERE delivery_id = $1) AS known`;

const REPLICA_POLL_MS = 500;

export function createDialogEngine(deps: DialogEngineDeps) {
  const { pool, logger } = deps;
  const events = createEventFeed(pool);
  const outbox = createOutboxDeliverer({
    pool,
    metrics: deps.metrics,
    channelUrls: deps.channelUrls,
    coreToken: deps.coreToken,
    logger,
  });
  const scheduler = createTurnScheduler({
    lock: deps.lock,
    run: (dialogId, input) => runner.run(dialogId, input),
    burstWindowMs: deps.burstWindowMs,
    burstWindowCapMs: deps.burstWindowCapMs,
    logger,
  });
  const runner = createTurnRunner({
    pool,
    metrics: deps.metrics,
    graph: deps.graph,
    checkpointer: deps.checkpointer,
    logger,
    checkpointsKept: deps.checkpointsKept,
    outbox,
    onCommitted: (dialogId, outcome, leased, held) => {
      scheduler.committed(outcome);
      if (leased.length > 0 && held) void outbox.pushLeased(dialogId, leased, held);
      else if (outcome.replies.length > 0) outbox.queuedBehind();
      events.written();
    },
  });
  let recovery: NodeJS.Timeout | null = null;

  async function recover(): Promise<void> {
    for (const dialogId of await dialogsWithPendingMessages(pool, 2000)) scheduler.kick(dialogId);
  }

  return {
    events,
    /** `inboxId` is null for a repeat; `waiting` then names the repeated message's row while no turn has taken it. */
    async accept(
      dialogId: string,
      message: IncomingMessage,
    ): Promise<{ inboxId: number | null; waiting?: number | null }> {
      const accepted = await acceptMessage(pool, dialogId, message);
      if (!accepted) {
        // A repeat of a message stored but not answered: the first try's answer was lost (a database stall timed the
        // request out after the row was written, or the process died). Its turn starts now, not at the next
        // recovery sweep, and a caller that waits gets its replies.
        const waiting = await waitingInboxId(pool, dialogId, message.messageId);
        if (waiting !== null) scheduler.kick(dialogId);
        return { inboxId: null, waiting };
      }
      events.written();
      scheduler.kick(dialogId, accepted.turnInput);
      return { inboxId: accepted.inboxId };
    },
    async waitForReplies(inboxId: number, timeoutMs: number): Promise<Reply[] | null> {
      const local = scheduler.waitFor(inboxId);
      // Another replica may take the turn: then only the database tells when it is done.
      // Aborted once either side answers: the polling ends at once instead of at its next wake-up.
      const answered = new AbortController();
      const elsewhere = (async () => {
        const deadline = Date.now() + timeoutMs;
        while (!answered.signal.aborted && Date.now() < deadline) {
          await sleep(REPLICA_POLL_MS, answered.signal);
          const replies = answered.signal.aborted ? null : await repliesOfTurn(pool, inboxId);
          if (replies) return replies;
        }
        return null;
      })();
      const result = await Promise.race([local, elsewhere]);
      answered.abort();
      if (result === null) scheduler.forget(inboxId);
      return result;
    },
    async handoff(dialogId: string, reason: string): Promise<void> {
      if (await setOwner(pool, dialogId, "manager", reason)) events.written();
    },
    async release(dialogId: string, reason: string): Promise<void> {
      if (!(await setOwner(pool, dialogId, "bot", reason))) return;
      await enqueueResume(pool, dialogId, `resume:${Date.now()}`);
      events.written();
      scheduler.kick(dialogId);
    },
    async operatorMessage(
      dialogId: string,
      message: OperatorMessage,
    ): Promise<{ deliveryId: string; duplicate: boolean }> {
      const { channel, chatId } = splitDialogId(dialogId);
      const deliveryId = `op:${dialogId}:${message.messageId}`;
      const reply = { text: message.text };
      const data: EventData<"message.out"> = {
        deliveryId,
        author: "manager",
        text: message.text,
        messageId: message.messageId,
        ...(message.operator ? { operator: message.operator } : {}),
      };
      const takenOver: EventData<"owner.changed"> = { owner: "manager", reason: "a manager wrote to the client" };
      const inserted = await pool.query(OPERATOR_MESSAGE, [
        dialogId,
        channel,
        chatId,
        deliveryId,
        reply,
        message.text,
        data,
        message.messageId,
        takenOver,
      ]);
      events.written();
      outbox.wake();
      return { deliveryId, duplicate: inserted.rowCount === 0 };
    },
    async deliveryStatus(deliveryId: string, status: DeliveryStatus): Promise<boolean> {
      // The statement adds the delivery's author and, for a manager's message, its messageId.
      const data: Omit<EventData<"delivery.status">, "author" | "messageId"> = { deliveryId, ...status };
      const result = await pool.query<{ known: boolean }>(DELIVERY_STATUS, [
        deliveryId,
        status.status,
        status.error ?? null,
        data,
      ]);
      events.written();
      return result.rows[0]?.known ?? false;
    },
    async markBlocked(dialogId: string): Promise<void> {
      if (await markBlocked(pool, dialogId)) events.written();
    },
    /** Undefined when the dialog does not exist. */
    async followUp(dialogId: string, request: FollowUpRequest): Promise<FollowUpAnswer | undefined> {
      const answer = await sendFollowUp(pool, dialogId, request);
      if (answer?.sent && !answer.duplicate) {
        events.written();
        outbox.wake();
      }
      return answer;
    },
    async erase(dialogId: string): Promise<boolean> {
      const erased = await deps.lock.withLock(dialogId, () => eraseDialog(pool, dialogId));
      deps.checkpointer.forget(dialogId);
      if (erased) events.written();
      return erased;
    },
    start(): void {
      outbox.start();
      void recover().catch((error: unknown) => logger.error({ err: error }, "recovery failed"));
      recovery = setInterval(() => void recover().catch(() => undefined), 5000);
    },
    async stop(): Promise<void> {
      if (recovery) clearInterval(recovery);
      scheduler.stop();
      await outbox.stop();
    },
  };
}

export type DialogEngine = ReturnType<typeof createDialogEngine>;
