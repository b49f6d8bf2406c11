// Token and call accounting per dialog in PostgreSQL, written behind the reply; running totals cached for the spend cap.
import { BoundedMap } from "@wewall/shared";
import type pg from "pg";

export type UsagePurpose = "interpret" | "answer" | "style";
export type UsageOutcome = "ok" | "failed" | "rejected";

export interface UsageEntry {
  dialogId: string;
  purpose: UsagePurpose;
  outcome: UsageOutcome;
  inputTokens: number;
  outputTokens: number;
}

export interface UsageLedger {
  /** Tokens this dialog has spent so far, as far as known without waiting (see warm). */
  spent(dialogId: string): Promise<number>;
  /** Starts reading a dialog's total so a later spent() need not wait for the database. */
  warm(dialogId: string): void;
  /** Books a call; the row is written after the reply, never on its path. */
  record(entry: UsageEntry): void;
  /** Resolves once every booked row is written (tests, shutdown). */
  drain(): Promise<void>;
}

export interface UsageLedgerOptions {
  onWriteError?: (error: unknown, rows: number) => void;
}

// Enough dialogs to cover the active ones; the database stays the truth for the rest.
const CACHED_DIALOGS = 10_000;

export function createUsageLedger(pool: pg.Pool, options: UsageLedgerOptions = {}): UsageLedger {
  const totals = new BoundedMap<string, number>(CACHED_DIALOGS);
  const loading = new Map<string, Promise<number>>();
  let queue: UsageEntry[] = [];
  let writing: Promise<void> = Promise.resolve();
  let scheduled = false;

  // Tokens booked for dialogs whose total is still being read; added to the read total when it arrives.
  const unread = new Map<string, number>();

  function load(dialogId: string): Promise<number> {
    const running = loading.get(dialogId);
    if (running) return running;
    const promise = pool
      .query<{ total: string }>(
        "SELECT coalesce(sum(input_tokens + output_tokens), 0) AS total FROM llm_usage WHERE dialog_id = $1",
        [dialogId],
      )
      .then(({ rows }) => {
        // A row written while the sum was read may count twice: the cap errs early by a call, never late.
        const total = Number(rows[0]?.total ?? 0) + (unread.get(dialogId) ?? 0);
        unread.delete(dialogId);
        totals.set(dialogId, total);
        return total;
      })
      .finally(() => loading.delete(dialogId));
    loading.set(dialogId, promise);
    return promise;
  }

  function flush(): void {
    scheduled = false;
    const rows = queue;
    queue = [];
    if (rows.length === 0) return;
    writing = writing.then(() =>
      pool
        .query(
          `INSERT INTO llm_usage (dialog_id, purpose, outcome, input_tokens, output_tokens)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[])`,
          [
            rows.map((r) => r.dialogId),
            rows.map((r) => r.purpose),
            rows.map((r) => r.outcome),
            rows.map((r) => r.inputTokens),
            rows.map((r) => r.outputTokens),
          ],
        )
        .then(
          () => undefined,
          (error: unknown) => options.onWriteError?.(error, rows.length),
        ),
    );
  }

  return {
    async spent(dialogId) {
      const known = totals.get(dialogId);
      if (known !== undefined) return known;
      // Never wait for the database on the reply path: until the total is read, what this process booked stands.
      load(dialogId).catch(() => undefined);
      return unread.get(dialogId) ?? 0;
    },
    warm(dialogId) {
      if (!totals.has(dialogId)) load(dialogId).catch(() => undefined);
    },
    record(entry) {
      const tokens = entry.inputTokens + entry.outputTokens;
      const known = totals.get(entry.dialogId);
      if (known !== undefined) totals.set(entry.dialogId, known + tokens);
      else unread.set(entry.dialogId, (unread.get(entry.dialogId) ?? 0) + tokens);
      queue.push(entry);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    async drain() {
      if (scheduled) flush();
      await writing;
    },
  };
}
