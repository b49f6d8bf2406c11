// withTransaction on a real PostgreSQL: commits what the work did, rolls back on an error, runs on a given client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { withTransaction } from "./with-transaction.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("wewall_tx");
  await db.pool.query("CREATE TABLE items (id int PRIMARY KEY)");
});
afterAll(async () => {
  await db.close();
});

const ids = async () => (await db.pool.query<{ id: number }>("SELECT id FROM items ORDER BY id")).rows.map((r) => r.id);

describe("withTransaction", () => {
  it("commits the work and answers its result", async () => {
    const result = await withTransaction(db.pool, async (client) => {
      await client.query("INSERT INTO items VALUES (1), (2)");
      return "done";
    });
    expect(result).toBe("done");
    expect(await ids()).toEqual([1, 2]);
  });

  it("rolls back everything on an error, rethrows it, and gives the connection back", async () => {
    const failure = withTransaction(db.pool, async (client) => {
      await client.query("INSERT INTO items VALUES (3)");
      await client.query("INSERT INTO items VALUES (1)");
    });
    await expect(failure).rejects.toThrow(/duplicate key/);
    expect(await ids()).toEqual([1, 2]);
    expect(db.pool.totalCount - db.pool.idleCount).toBe(0);
  });

  it("runs on a client it is given and leaves it to its owner", async () => {
    const client = await db.pool.connect();
    try {
      await withTransaction(client, async (same) => {
        expect(same).toBe(client);
        await same.query("INSERT INTO items VALUES (4)");
      });
      await expect(
        withTransaction(client, async (same) => {
          await same.query("INSERT INTO items VALUES (5)");
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect((await client.query("SELECT 1 AS alive")).rows).toEqual([{ alive: 1 }]);
    } finally {
      client.release();
    }
    expect(await ids()).toEqual([1, 2, 4]);
  });
});
