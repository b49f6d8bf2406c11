// Retention: dialogs silent for longer than the configured days are erased through the core's DELETE route.
import type pg from "pg";
import { repeatInBatches, type CoreClient, type Logger, type Metrics } from "@wewall/shared";

export interface RetentionDeps {
  pool: pg.Pool;
  core: Pick<CoreClient, "erase">;
  logger: Logger;
  metrics: Metrics;
  retentionDays: number;
  now: () => Date;
  /** How often it looks (hourly by default). */
  everyMs?: number;
}

const DAY = 24 * 3_600_000;
const BATCH = 100;

export function createRetention(deps: RetentionDeps) {
  const erased = deps.metrics.counter({
    name: "wewall_dialogs_erased_total",
    help: "Dialogs erased for having been inactive longer than the retention period",
  });

  // The last word either way, by the scheduler's clock; a dialog it never saw speak has nothing to age.
  async function once(): Promise<number> {
    const cutoff = new Date(deps.now().getTime() - deps.retentionDays * DAY);
    const { rows } = await deps.pool.query<{ dialog_id: string }>(
      `SELECT dialog_id FROM scheduler_dialogs WHERE GREATEST(last_client_at, last_bot_at) < $1
       ORDER BY dialog_id LIMIT $2`,
      [cutoff, BATCH],
    );
    for (const { dialog_id: dialogId } of rows) {
      await deps.core.erase(dialogId);
      // The feed's dialog.erased would do it too; done now so the next round does not ask again.
      await deps.pool.query(
        `WITH f AS (DELETE FROM scheduler_follow_ups WHERE dialog_id = $1)
         DELETE FROM scheduler_dialogs WHERE dialog_id = $1`,
        [dialogId],
      );
      erased.inc();
    }
    if (rows.length > 0) deps.logger.info({ dialogs: rows.length }, "erased dialogs past their retention");
    return rows.length;
  }

  return repeatInBatches({
    once,
    batch: BATCH,
    pauseMs: deps.everyMs ?? 3_600_000,
    logger: deps.logger,
    failure: "retention: erasing failed; retrying later",
  });
}
