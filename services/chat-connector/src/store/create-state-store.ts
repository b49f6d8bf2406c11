// Small named facts the connector keeps: the channel's scope id, the account's amojo id, the event cursor.
import type pg from "pg";

export type StateKey = "scope_id" | "amojo_account_id" | "event_cursor";
type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export type StateStore = ReturnType<typeof createStateStore>;

export function createStateStore(pool: pg.Pool) {
  return {
    async get(key: StateKey, db: Queryable = pool): Promise<string | undefined> {
      const { rows } = await db.query<{ value: string }>("SELECT value FROM amo_state WHERE key = $1", [key]);
      return rows[0]?.value;
    },
    async set(key: StateKey, value: string, db: Queryable = pool): Promise<void> {
      await db.query(
        `INSERT INTO amo_state (key, value) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [key, value],
      );
    },
  };
}
