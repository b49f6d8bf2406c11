// Delivers queued callbacks to partners: signed, one at a time per dialog in order, retried with backoff until 2xx.
import {
  backoffDelay,
  claimWithLease,
  markDone,
  releaseWithBackoff,
  sendJson,
  type Logger,
  type QueueTable,
} from "@wewall/shared";
import type pg from "pg";
import { signWebhook } from "./sign-webhook.js";

export interface CallbackSenderDeps {
  pool: pg.Pool;
  logger: Logger;
  tickMs: number;
  now?: () => Date;
}

const queue: QueueTable = {
  table: "partner_callbacks",
  key: "id",
  // Head of line per dialog: a partner sees a dialog's events in the order they happened.
  headOf: "q.dialog_id",
  returning: "q.id, q.partner_id, q.payload, q.attempts",
};
const LEASE_MS = 30_000;
const TIMEOUT_MS = 10_000;
// With backoff capped at an hour, 40 attempts span more than a day.
const MAX_ATTEMPTS = 40;

interface ClaimedCallback {
  id: string;
  partner_id: string;
  payload: unknown;
  attempts: number;
}

export function createCallbackSender(deps: CallbackSenderDeps) {
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let busy = false;
  let stopped = true;

  async function deliver(row: ClaimedCallback): Promise<void> {
    const { rows } = await deps.pool.query<{ callback_url: string | null; callback_secret: string }>(
      "SELECT callback_url, callback_secret FROM partners WHERE id = $1",
      [row.partner_id],
    );
    const partner = rows[0];
    const body = JSON.stringify(row.payload);
    try {
      if (!partner?.callback_url) throw new Error("the partner has no callback URL");
      const headers = signWebhook(partner.callback_secret, `cb_${row.id}`, Math.floor(now().getTime() / 1000), body);
      const answer = await sendJson("POST", partner.callback_url, row.payload, {
        timeoutMs: TIMEOUT_MS,
        headers: { ...headers },
      });
      if (answer.status < 200 || answer.status >= 300) throw new Error(`partner answered ${answer.status}`);
      await markDone(deps.pool, queue, [row.id], { status: "sent", doneAt: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (row.attempts >= MAX_ATTEMPTS) {
        await markDone(deps.pool, queue, [row.id], { status: "failed", error: message, doneAt: true });
        deps.logger.error({ callbackId: row.id, partnerId: row.partner_id }, "partner callback given up");
        return;
      }
      const delayMs = backoffDelay(row.attempts, { baseMs: 1000, maxMs: 3_600_000 });
      await releaseWithBackoff(deps.pool, queue, [row.id], { delayMs, error: message });
    }
  }

  /** Claims and delivers what is due; resolves with how many were tried. */
  async function once(): Promise<number> {
    const rows = await claimWithLease<ClaimedCallback>(deps.pool, queue, { limit: 20, leaseMs: LEASE_MS });
    await Promise.all(rows.map(deliver));
    return rows.length;
  }

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      busy = true;
      running = once().catch((error: unknown) => {
        deps.logger.warn({ err: error }, "partner callbacks: a round failed");
        return 0;
      });
      void running.then((tried) => {
        busy = false;
        schedule(tried > 0 ? 0 : deps.tickMs);
      });
    }, ms);
  }

  return {
    once,
    start() {
      stopped = false;
      schedule(0);
    },
    /** Looks at once (something was just queued). */
    poke() {
      if (!stopped && !busy) schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
