// Token and call accounting per dialog in PostgreSQL, with each dialog's running total cached for the spend cap.
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
  /** Tokens this dialog has spent so far. */
  spent(dialogId: string): Promise<number>;
  record(entry: UsageEntry): Promise<void>;
}

// Enough dialogs to cover the active ones; the database stays the truth for the rest.
const CACHED_DIALOGS = 10_000;

export function createUsageLedger(pool: pg.Pool): UsageLedger {
  const totals = new Map<string, number>();
  const remember = (dialogId: string, total: number) => {
    if (totals.size >= CACHED_DIALOGS && !totals.has(dialogId)) totals.clear();
    totals.set(dialogId, total);
  };
  return {
    async spent(dialogId) {
      const cached = totals.get(dialogId);
      if (cached !== undefined) return cached;
      const { rows } = await pool.query<{ total: string }>(
        "SELECT coalesce(sum(input_tokens + output_tokens), 0) AS total FROM llm_usage WHERE dialog_id = $1",
        [dialogId],
      );
      const total = Number(rows[0]?.total ?? 0);
      remember(dialogId, total);
      return total;
    },
    async record(entry) {
      await pool.query(
        "INSERT INTO llm_usage (dialog_id, purpose, outcome, input_tokens, output_tokens) VALUES ($1, $2, $3, $4, $5)",
        [entry.dialogId, entry.purpose, entry.outcome, entry.inputTokens, entry.outputTokens],
      );
      const known = totals.get(entry.dialogId);
      if (known !== undefined) remember(entry.dialogId, known + entry.inputTokens + entry.outputTokens);
    },
  };
}
