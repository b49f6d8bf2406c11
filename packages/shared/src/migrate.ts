// Applies each service's ordered SQL migrations once, serialised across processes by an advisory lock.
import type pg from "pg";

export interface Migration {
  id: string;
  sql: string;
}

const LOCK_KEY = 727_272;

/** Runs set-up work (a library's own setup(), say) while no other process does the same. */
export async function withMigrationLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  // One connection means one process (the embedded database): nobody to race, and holding it would starve work().
  if ((pool.options.max ?? 10) <= 1) return work();
  const holder = await pool.connect();
  try {
    await holder.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    return await work();
  } finally {
    await holder.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    holder.release();
  }
}

export async function runMigrations(pool: pg.Pool, owner: string, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (owner text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (owner, id))",
    );
    const done = await client.query<{ id: string }>("SELECT id FROM schema_migrations WHERE owner = $1", [owner]);
    const applied = new Set(done.rows.map((row) => row.id));
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_migrations (owner, id) VALUES ($1, $2)", [owner, migration.id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${owner}/${migration.id} failed`, { cause: error });
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
