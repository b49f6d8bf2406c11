// Sends outbox rows to amoCRM: heads of many chats in flight at once, batched per kind where the API allows.
import { backoffDelay, sleep, type BackoffOptions, type Logger } from "@wewall/shared";
import { AmoError } from "../amo-error.js";
import type { Outbox, OutboxRow } from "./create-outbox.js";

export interface CallHandler {
  // More than 1: rows of this kind from different chats share one request.
  maxBatch: number;
  // Resolves with the rows that failed on their own (e.g. a prerequisite not there yet); throws when all failed.
  run(rows: OutboxRow[]): Promise<Map<number, unknown>>;
}

export interface OutboxWorkerDeps {
  outbox: Outbox;
  handlers: Record<string, CallHandler>;
  logger: Logger;
  backoff?: BackoffOptions;
  claimSize?: number;
  maxInFlight?: number;
  leaseMs?: number;
  idleMs?: number;
  // How long a batchable row waits for others of its kind; the rate limit makes it cheaper than a request.
  lingerMs?: number;
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const backoff = deps.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  const claimSize = deps.claimSize ?? 64;
  const maxInFlight = deps.maxInFlight ?? 16;
  const leaseMs = deps.leaseMs ?? 120_000;
  const idleMs = deps.idleMs ?? 250;
  const lingerMs = deps.lingerMs ?? 1000;
  const lingering = new Map<string, { rows: OutboxRow[]; since: number }>();
  let running = false;
  let inFlight = 0;
  // Aborted to end the loop's wait early: a new row, a finished group, or a shutdown.
  let idle = new AbortController();
  let loop: Promise<void> | undefined;
  const sent = { rows: 0, requests: 0, retries: 0, failed: 0 };

  const wake = () => idle.abort();
  const pause = (ms: number) => {
    idle = new AbortController();
    return sleep(ms, idle.signal);
  };

  async function settle(row: OutboxRow, error: unknown): Promise<void> {
    const log = { rowId: row.id, kind: row.kind, chatKey: row.chatKey, attempts: row.attempts };
    if (error instanceof AmoError && error.code === "not_ready" && error.retryable) {
      await deps.outbox.retry(row.id, Math.min(backoff.baseMs, 500), error.message, false);
      return;
    }
    if (error instanceof AmoError && !error.retryable) {
      sent.failed++;
      deps.logger.error({ ...log, err: error, status: error.status }, "amoCRM call failed for good");
      await deps.outbox.giveUp(row.id, error.message);
      return;
    }
    sent.retries++;
    // Never sooner than the server's Retry-After.
    const retryAfter = error instanceof AmoError ? (error.retryAfterMs ?? 0) : 0;
    const delay = Math.max(backoffDelay(row.attempts - 1, backoff), retryAfter);
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn(
      {
        ...log,
        status: error instanceof AmoError ? error.status : undefined,
        delayMs: delay,
        error: message,
      },
      "amoCRM call will be retried",
    );
    await deps.outbox.retry(row.id, delay, message);
  }

  async function runGroup(handler: CallHandler, rows: OutboxRow[]): Promise<void> {
    let failures: Map<number, unknown>;
    try {
      sent.requests++;
      failures = await handler.run(rows);
    } catch (error) {
      failures = new Map(rows.map((row) => [row.id, error]));
    }
    const done = rows.filter((row) => !failures.has(row.id)).map((row) => row.id);
    await deps.outbox.complete(done);
    sent.rows += done.length;
    for (const row of rows) if (failures.has(row.id)) await settle(row, failures.get(row.id));
  }

  function launch(handler: CallHandler, rows: OutboxRow[]): void {
    inFlight++;
    void runGroup(handler, rows)
      .catch((error: unknown) => deps.logger.error({ err: error }, "outbox group crashed"))
      .finally(() => {
        inFlight--;
        wake();
      });
  }

  // Batchable rows gather per kind until the batch is full or has waited lingerMs; the others go at once.
  function dispatch(rows: OutboxRow[]): void {
    const now = Date.now();
    for (const row of rows) {
      const handler = deps.handlers[row.kind];
      if (!handler) {
        const unknown = new AmoError("amocrm_bad_answer", `unknown call kind ${row.kind}`, { retryable: false });
        launch({ maxBatch: 1, run: () => Promise.reject(unknown) }, [row]);
        continue;
      }
      if (handler.maxBatch <= 1) {
        launch(handler, [row]);
        continue;
      }
      const batch = lingering.get(row.kind) ?? { rows: [], since: now };
      batch.rows.push(row);
      lingering.set(row.kind, batch);
    }
    flush(false);
  }

  function flush(all: boolean): number {
    const now = Date.now();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const [kind, batch] of lingering) {
      const handler = deps.handlers[kind];
      if (!handler) continue;
      while (batch.rows.length >= handler.maxBatch) launch(handler, batch.rows.splice(0, handler.maxBatch));
      if (batch.rows.length > 0 && (all || now - batch.since >= lingerMs)) launch(handler, batch.rows.splice(0));
      if (batch.rows.length === 0) lingering.delete(kind);
      else nextDue = Math.min(nextDue, batch.since + lingerMs - now);
    }
    return nextDue;
  }

  async function tick(): Promise<boolean> {
    if (inFlight >= maxInFlight) return false;
    const rows = await deps.outbox.claimHeads(claimSize, leaseMs);
    dispatch(rows);
    return rows.length > 0;
  }

  return {
    stats: () => ({ ...sent, inFlight }),
    wake,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let busy = false;
          try {
            busy = await tick();
          } catch (error) {
            deps.logger.error({ err: error }, "outbox claim failed");
          }
          const lingerDue = flush(false);
          if (running) await pause(busy && inFlight < maxInFlight ? 0 : Math.max(5, Math.min(idleMs, lingerDue)));
        }
      })();
    },
    async stop() {
      running = false;
      wake();
      await loop;
      flush(true);
      while (inFlight > 0) await sleep(20);
    },
  };
}
