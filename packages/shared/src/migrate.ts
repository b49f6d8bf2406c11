// Applies each service's ordered SQL migrations once, serialised across processes by an advisory lock.
import type pg from "pg";
import { sleep } from "./sleep.js";
import { withTransaction } from "./with-transaction.js";

export interface Migration {
  id: string;
  sql: string;
}

const LOCK_KEY = 727_272;

// Polled rather than waited for in one statement: a replica that waits while another migrates must not fail on the
// statement timeout every query has (DB_STATEMENT_TIMEOUT_MS).
async function lockForMigrations(client: pg.PoolClient): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LOCK_KEY]);
    if (rows[0]?.locked) return;
    await sleep(200);
  }
}

/** Runs set-up work (a library's own setup(), say) while no other process does the same. */
export async function withMigrationLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  // One connection means one process (the embedded database): nobody to race, and holding it would starve work().
  if ((pool.options.max ?? 10) <= 1) return work();
  const holder = await pool.connect();
  try {
    await lockForMigrations(holder);
    return await work();
  } finally {
    await holder.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    holder.release();
  }
}

export async function runMigrations(pool: pg.Pool, owner: string, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await lockForMigrations(client);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (owner text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (owner, id))",
    );
    const done = await client.query<{ id: string }>("SELECT id FROM schema_migrations WHERE owner = $1", [owner]);
    const applied = new Set(done.rows.map((row) => row.id));
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      // On the connection holding the advisory lock: the lock is per session.
      try {
        await withTransaction(client, async (tx) => {
          await tx.query(migration.sql);
          await tx.query("INSERT INTO schema_migrations (owner, id) VALUES ($1, $2)", [owner, migration.id]);
        });
      } catch (error) {
        throw new Error(`migration ${owner}/${migration.id} failed`, { cause: error });
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
