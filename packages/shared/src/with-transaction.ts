// One transaction block for every multi-statement write: BEGIN, the work, COMMIT; ROLLBACK on any error.
import type pg from "pg";

/**
 * Runs `work` inside a transaction and commits what it did; an error rolls it back and is rethrown. Given a pool it
 * takes a connection for the transaction and gives it back; given a client (one already holding a session lock,
 * say) it runs on that client.
 */
export async function withTransaction<T>(
  db: pg.Pool | pg.PoolClient,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = "release" in db ? db : await db.connect();
  const own = client !== db;
  // A connection whose ROLLBACK failed is in an unknown state: it goes back to the pool only to be closed.
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    if (own) client.release(broken);
  }
}
