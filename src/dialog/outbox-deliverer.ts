// Pushes outbox rows to their channel connector until acknowledged: one dialog's rows in order, with backoff.
import {
  backoffDelay,
  claimWithLease,
  markDoneSql,
  postJson,
  releaseWithBackoff,
  renewLeases,
  type Delivery,
  type Logger,
  type Metrics,
  type QueueTable,
  type Reply,
} from "@wewall/shared";
import type pg from "pg";
import type { LeasedDelivery } from "./commit-turn.js";
import { splitDialogId } from "./dialog-store.js";
import { OUTBOX_LEASE_MS, OUTBOX_RENEW_MS } from "./outbox-lease.js";

export interface OutboxDelivererDeps {
  pool: pg.Pool;
  channelUrls: Record<string, string>;
  /** The core's service token, sent with every push: connectors refuse pushes without it. */
  coreToken?: string | undefined;
  logger: Logger;
  metrics: Metrics;
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
}

// Only the oldest pending row of each dialog is claimable, so a later reply never overtakes an earlier one; only
// dialogs of the channels this process pushes, and none whose client blocked the bot.
const OUTBOX: QueueTable = {
  table: "outbox",
  key: "id",
  headOf: "q.dialog_id",
  where: "EXISTS (SELECT FROM dialogs d WHERE d.id = q.dialog_id AND d.channel = ANY($3::text[]) AND NOT d.blocked)",
  returning: "q.id, q.delivery_id, q.dialog_id, q.author, q.reply, q.attempts, q.created_at",
  statement: "outbox-claim",
};

const ACK_BATCH_MS = 10;

/** The deliveries of a dialog this process holds, and how many pushes had failed when that was read. */
export interface HeldDeliveries {
  ids: number[];
  failures: number;
}

export function createOutboxDeliverer(deps: OutboxDelivererDeps) {
  const channels = Object.keys(deps.channelUrls);
  const pollMs = deps.pollMs ?? 1000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const headers = deps.coreToken ? { authorization: `Bearer ${deps.coreToken}` } : undefined;
  const batch = deps.concurrency ?? 64;
  const retries = deps.metrics.counter({
    name: "wewall_delivery_retries_total",
    help: "Pushes to a channel connector that failed and wait to be retried",
    labelNames: ["channel"],
  });
  let running = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let renewal: NodeJS.Timeout | null = null;
  // Rows claimed by the poller and being pushed now (the rows leased at commit are in `held`).
  const pushing = new Set<number>();
  let drained: Promise<void> = Promise.resolve();
  // Acknowledgements are written in batches: losing one to a crash only re-pushes a delivery the connector
  // already recorded (it deduplicates on deliveryId), and it saves a commit per reply.
  const acked: number[] = [];
  let ackTimer: NodeJS.Timeout | null = null;
  let ackWrite: Promise<void> = Promise.resolve();
  // Deliveries this process leased at commit and has not yet released or written as acknowledged, per dialog, and
  // the chain that pushes them in order. A later turn's replies may queue behind them instead of waiting for the poller.
  const held = new Map<string, Set<number>>();
  const heldBy = new Map<number, string>();
  const chains = new Map<string, Promise<boolean>>();
  // Counts failed pushes: a turn that leased its replies behind held ones checks no push failed in between.
  let failures = 0;
  // A committed reply could not be leased (something of its dialog was still pending): the poller must look again
  // as soon as acknowledgements land, not only at its next tick.
  let waitingBehind = false;

  function hold(dialogId: string, ids: number[]): void {
    const set = held.get(dialogId) ?? new Set<number>();
    for (const id of ids) {
      set.add(id);
      heldBy.set(id, dialogId);
    }
    held.set(dialogId, set);
  }

  function letGo(ids: number[]): void {
    for (const id of ids) {
      const dialogId = heldBy.get(id);
      if (dialogId === undefined) continue;
      heldBy.delete(id);
      const set = held.get(dialogId);
      set?.delete(id);
      if (set?.size === 0) held.delete(dialogId);
    }
  }

  function flushAcks(): Promise<void> {
    const ids = takeAcks();
    if (ids.length === 0) return ackWrite;
    ackWrite = deps.pool.query({ name: "outbox-acked", text: markDoneSql(OUTBOX), values: [ids, "acked", null] }).then(
      () => acksWritten(ids),
      (error: unknown) => {
        deps.logger.error({ err: error }, "writing delivery acknowledgements failed");
        acksNotWritten(ids);
      },
    );
    return ackWrite;
  }

  function takeAcks(): number[] {
    if (ackTimer) clearTimeout(ackTimer);
    ackTimer = null;
    return acked.splice(0);
  }

  function acksWritten(ids: number[]): void {
    if (ids.length === 0) return;
    letGo(ids);
    if (waitingBehind) {
      waitingBehind = false;
      wake();
    }
  }

  function acksNotWritten(ids: number[]): void {
    if (stopped || ids.length === 0) return;
    acked.push(...ids);
    ackTimer ??= setTimeout(() => void flushAcks(), ACK_BATCH_MS);
  }

  function acknowledge(id: number): void {
    acked.push(id);
    ackTimer ??= setTimeout(() => void flushAcks(), ACK_BATCH_MS);
  }

  async function push(row: ClaimedRow): Promise<boolean> {
    const { channel, chatId } = splitDialogId(row.dialog_id);
    const url = deps.channelUrls[channel];
    const delivery: Delivery = {
      deliveryId: row.delivery_id,
      dialogId: row.dialog_id,
      channel,
      chatId,
      author: row.author,
      reply: row.reply,
      createdAt: row.created_at.toISOString(),
    };
    pushing.add(row.id);
    try {
      if (!url) throw new Error(`no connector for channel ${channel}`);
      const response = await postJson(url, delivery, timeoutMs, headers);
      if (response.status < 200 || response.status >= 300) throw new Error(`connector answered ${response.status}`);
      acknowledge(row.id);
      return true;
    } catch (error) {
      const delayMs = backoffDelay(row.attempts, { baseMs: 500, maxMs: 300_000 });
      deps.logger.warn({ deliveryId: row.delivery_id, attempt: row.attempts, err: String(error) }, "delivery failed");
      retries.inc({ channel });
      await releaseWithBackoff(deps.pool, OUTBOX, [row.id], { delayMs, error: String(error) });
      failures += 1;
      letGo([row.id]);
      return false;
    } finally {
      pushing.delete(row.id);
    }
  }

  // Keeps the leases of every row this process still holds, so only a dead process's rows are taken over.
  function renewHeld(): void {
    const ids = [...new Set([...heldBy.keys(), ...pushing])];
    if (ids.length === 0) return;
    renewLeases(deps.pool, OUTBOX, ids, OUTBOX_LEASE_MS).catch((error: unknown) =>
      deps.logger.warn({ err: error }, "renewing delivery leases failed"),
    );
  }

  async function release(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await releaseWithBackoff(deps.pool, OUTBOX, ids, { delayMs: 0 }).catch((error: unknown) =>
      deps.logger.error({ err: error }, "releasing leased deliveries failed"),
    );
    letGo(ids);
    waitingBehind = true;
  }

  async function drain(): Promise<void> {
    if (channels.length === 0) return;
    for (;;) {
      const claimed = await claimWithLease<ClaimedRow>(deps.pool, OUTBOX, {
        limit: batch,
        leaseMs: OUTBOX_LEASE_MS,
        params: [channels],
      });
      if (claimed.length === 0) return;
      await Promise.all(claimed.map(push));
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
    /** Pushes a turn's replies that the commit leased to this process, after the dialog's earlier ones, in order. */
    async pushLeased(dialogId: string, rows: LeasedDelivery[], heldAtCommit: HeldDeliveries): Promise<void> {
      hold(
        dialogId,
        rows.map((row) => row.id),
      );
      const noneFailed = heldAtCommit.failures === failures;
      const after = (chains.get(dialogId) ?? Promise.resolve(true)).then((delivered) => delivered && noneFailed);
      const chain = after.then(async (earlierDelivered) => {
        for (const [i, row] of rows.entries()) {
          const claimed: ClaimedRow = {
            ...row,
            created_at: new Date(row.created_at),
            dialog_id: dialogId,
            author: "bot",
            attempts: 1,
          };
          if (!earlierDelivered || !(await push(claimed))) {
            // Something ahead failed: the poller delivers the rest, in order, after it.
            await release(rows.slice(earlierDelivered ? i + 1 : i).map((rest) => rest.id));
            return false;
          }
        }
        return true;
      });
      chains.set(dialogId, chain);
      await chain;
      if (chains.get(dialogId) === chain) chains.delete(dialogId);
    },
    /** Ids of the dialog's deliveries this process holds; null when it does not push this channel. */
    heldDeliveries: (dialogId: string, channel: string): HeldDeliveries | null =>
      channel in deps.channelUrls ? { ids: [...(held.get(dialogId) ?? [])], failures } : null,
    /** Hands the acknowledgements waiting to be written to a statement that runs anyway (a turn's write). */
    takeAcks,
    acksWritten,
    acksNotWritten,
    /** A committed reply waits behind earlier ones: claim it as soon as they are acknowledged. */
    queuedBehind(): void {
      waitingBehind = true;
      wake();
    },
    start(): void {
      const tick = () => {
        wake();
        timer = setTimeout(tick, pollMs);
      };
      tick();
      renewal = setInterval(renewHeld, OUTBOX_RENEW_MS);
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (renewal) clearInterval(renewal);
      await drained;
      await flushAcks();
    },
  };
}

export type OutboxDeliverer = ReturnType<typeof createOutboxDeliverer>;
