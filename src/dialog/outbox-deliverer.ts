// Pushes outbox rows to their channel connector until acknowledged: one dialog's rows in order, with backoff.
import type { Delivery, Logger, Reply } from "@wewall/shared";
import type pg from "pg";
import type { LeasedDelivery } from "./commit-turn.js";
import { splitDialogId } from "./dialog-store.js";

export interface OutboxDelivererDeps {
  pool: pg.Pool;
  channelUrls: Record<string, string>;
  logger: Logger;
  pollMs?: number;
  timeoutMs?: number;
  concurrency?: number;
}

interface ClaimedRow {
  id: number;
  delivery_id: string;
  dialog_id: string;
  author: Delivery["author"];
  reply: Reply;
  attempts: number;
  created_at: Date;
  channel: string;
  chat_id: string;
}

// Only the oldest pending row of each dialog is claimable, so a later reply never overtakes an earlier one.
const CLAIM = `
  WITH heads AS (
    SELECT DISTINCT ON (o.dialog_id) o.id, o.next_attempt_at, o.lease_until
    FROM outbox o WHERE o.status = 'pending' ORDER BY o.dialog_id, o.id
  ), ready AS (
    SELECT h.id FROM heads h JOIN outbox o ON o.id = h.id JOIN dialogs d ON d.id = o.dialog_id
    WHERE h.next_attempt_at <= now() AND (h.lease_until IS NULL OR h.lease_until < now())
      AND d.channel = ANY($1::text[]) AND NOT d.blocked
    LIMIT $2 FOR UPDATE OF o SKIP LOCKED
  )
  UPDATE outbox o SET lease_until = now() + interval '60 seconds', attempts = o.attempts + 1
  FROM ready, dialogs d
  WHERE o.id = ready.id AND d.id = o.dialog_id
  RETURNING o.id, o.delivery_id, o.dialog_id, o.author, o.reply, o.attempts, o.created_at, d.channel, d.chat_id`;

const ACK_BATCH_MS = 10;

export function createOutboxDeliverer(deps: OutboxDelivererDeps) {
  const channels = Object.keys(deps.channelUrls);
  const pollMs = deps.pollMs ?? 1000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const batch = deps.concurrency ?? 64;
  let running = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let drained: Promise<void> = Promise.resolve();
  // Acknowledgements are written in batches: losing one to a crash only re-pushes a delivery the connector
  // already recorded (it deduplicates on deliveryId), and it saves a commit per reply.
  const acked: number[] = [];
  let ackTimer: NodeJS.Timeout | null = null;
  let ackWrite: Promise<void> = Promise.resolve();

  function flushAcks(): Promise<void> {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = null;
    const ids = acked.splice(0);
    if (ids.length === 0) return ackWrite;
    ackWrite = deps.pool
      .query("UPDATE outbox SET status = 'acked', lease_until = NULL WHERE id = ANY($1::bigint[])", [ids])
      .then(() => wake())
      .catch((error: unknown) => deps.logger.error({ err: error }, "writing delivery acknowledgements failed"));
    return ackWrite;
  }

  function acknowledge(id: number): void {
    acked.push(id);
    ackTimer ??= setTimeout(() => void flushAcks(), ACK_BATCH_MS);
  }

  async function push(row: ClaimedRow): Promise<boolean> {
    const url = deps.channelUrls[row.channel];
    const delivery: Delivery = {
      deliveryId: row.delivery_id,
      dialogId: row.dialog_id,
      channel: row.channel,
      chatId: row.chat_id,
      author: row.author,
      reply: row.reply,
      createdAt: row.created_at.toISOString(),
    };
    try {
      if (!url) throw new Error(`no connector for channel ${row.channel}`);
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(delivery),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`connector answered ${response.status}`);
      acknowledge(row.id);
      return true;
    } catch (error) {
      const delayMs = Math.min(500 * 2 ** Math.min(row.attempts, 10), 300_000) * (0.5 + Math.random());
      deps.logger.warn({ deliveryId: row.delivery_id, attempt: row.attempts, err: String(error) }, "delivery failed");
      await deps.pool.query(
        "UPDATE outbox SET lease_until = NULL, next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1",
        [row.id, delayMs / 1000, String(error).slice(0, 500)],
      );
      return false;
    }
  }

  async function drain(): Promise<void> {
    if (channels.length === 0) return;
    for (;;) {
      const claimed = await deps.pool.query<ClaimedRow>(CLAIM, [channels, batch]);
      if (claimed.rows.length === 0) return;
      await Promise.all(claimed.rows.map(push));
    }
  }

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    drained = drain()
      .catch((error: unknown) => deps.logger.error({ err: error }, "outbox drain failed"))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  return {
    wake,
    /** Pushes a turn's replies that the commit leased to this process, in order; the poller takes over on failure. */
    async pushLeased(dialogId: string, rows: LeasedDelivery[]): Promise<void> {
      const { channel, chatId } = splitDialogId(dialogId);
      for (const row of rows) {
        const claimed: ClaimedRow = {
          ...row,
          dialog_id: dialogId,
          author: "bot",
          attempts: 1,
          channel,
          chat_id: chatId,
        };
        if (!(await push(claimed))) break;
      }
      wake();
    },
    canPush: (channel: string) => channel in deps.channelUrls,
    start(): void {
      const tick = () => {
        wake();
        timer = setTimeout(tick, pollMs);
      };
      tick();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await drained;
      await flushAcks();
    },
  };
}

export type OutboxDeliverer = ReturnType<typeof createOutboxDeliverer>;
