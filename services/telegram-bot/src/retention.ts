// Forgets finished rows once no redelivery can need them: Telegram keeps an update at most 24 h, the core re-pushes within minutes.
import type pg from "pg";
import type { Logger } from "@wewall/shared";
import { describeError } from "./describe-error.js";

export interface RetentionOptions {
  updatesDays?: number;
  deliveriesDays?: number;
  everyMs?: number;
}

export async function pruneFinished(
  pool: pg.Pool,
  options: RetentionOptions = {},
): Promise<{ updates: number; deliveries: number }> {
  const updates = await pool.query(
    "DELETE FROM tg_updates WHERE status <> 'pending' AND done_at < now() - make_interval(days => $1)",
    [options.updatesDays ?? 7],
  );
  const deliveries = await pool.query(
    `DELETE FROM tg_deliveries WHERE status <> 'pending' AND reported AND done_at < now() - make_interval(days => $1)`,
    [options.deliveriesDays ?? 30],
  );
  return { updates: updates.rowCount ?? 0, deliveries: deliveries.rowCount ?? 0 };
}

export function startRetention(pool: pg.Pool, logger: Logger, options: RetentionOptions = {}): () => void {
  const timer = setInterval(() => {
    pruneFinished(pool, options).then(
      (pruned) => logger.debug(pruned, "pruned finished rows"),
      (error: unknown) => logger.warn({ error: describeError(error) }, "pruning failed"),
    );
  }, options.everyMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
