// Bytes a dialog occupies: the sum of its rows' sizes in every table that holds something about it.
import type pg from "pg";

const TABLES: [string, string][] = [
  ["dialogs", "id"],
  ["inbox", "dialog_id"],
  ["transcript", "dialog_id"],
  ["outbox", "dialog_id"],
  ["events", "dialog_id"],
  ["leads", "dialog_id"],
  ["checkpoints", "thread_id"],
  ["checkpoint_blobs", "thread_id"],
  ["checkpoint_writes", "thread_id"],
];

export async function bytesPerDialog(pool: pg.Pool, dialogIds: string[], tables = TABLES): Promise<number> {
  let total = 0;
  for (const [table, column] of tables) {
    const exists = await pool.query("SELECT to_regclass($1) AS t", [table]);
    if (!exists.rows[0]?.t) continue;
    const result = await pool.query<{ bytes: number | null }>(
      `SELECT sum(pg_column_size(t.*))::bigint AS bytes FROM ${table} t WHERE ${column} = ANY($1)`,
      [dialogIds],
    );
    total += result.rows[0]?.bytes ?? 0;
  }
  return total / dialogIds.length;
}

export const CHECKPOINT_TABLES: [string, string][] = TABLES.filter(([table]) => table.startsWith("checkpoint"));
