// The silence rule in SQL and in TypeScript answers the same for every owner and block state.
import type { Owner } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_MAY_SPEAK, botMaySpeak } from "./bot-may-speak.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("wewall_core_rule");
});
afterAll(async () => db?.close());

describe("the bot-may-speak rule", () => {
  it("lets the bot speak only in a dialog it owns whose client has not blocked it, in SQL as in TypeScript", async () => {
    const rows: Array<{ owner: Owner; blocked: boolean }> = [
      { owner: "bot", blocked: false },
      { owner: "bot", blocked: true },
      { owner: "manager", blocked: false },
      { owner: "manager", blocked: true },
    ];
    const result = await db.pool.query<{ speaks: boolean }>(
      `SELECT ${BOT_MAY_SPEAK} AS speaks FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS d(owner, blocked, n)
       ORDER BY n`,
      [rows.map((row) => row.owner), rows.map((row) => row.blocked)],
    );
    const expected = rows.map((row) => botMaySpeak(row));
    expect(expected).toEqual([true, false, false, false]);
    expect(result.rows.map((row) => row.speaks)).toEqual(expected);
  });
});
