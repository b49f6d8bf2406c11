// The embedded default: the same core on PGlite in a data folder, through one connection, surviving a reopen.
import { asAdmin } from "@wewall/test-support";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { openDatabase } from "@wewall/shared";
import { afterAll, describe, expect, it } from "vitest";
import { startTestCore } from "./testing/start-test-core.js";

const dataDir = await mkdtemp(join(tmpdir(), "wewall-embedded-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("embedded PGlite database", () => {
  it("runs a dialog, and after closing and reopening the folder the dialog goes on", async () => {
    const db = await openDatabase({ dataDir });
    expect(db.embedded).toBe(true);
    const core = await startTestCore({}, db);
    await core.say("cli:1", "хочу купить квартиру");
    const question = await core.say("cli:1", "трёшку");
    expect(question[0]?.text).toMatch(/площадь/);
    await core.close();
    await db.close();

    const reopened = await openDatabase({ dataDir });
    const again = await startTestCore({}, reopened);
    const next = await again.say("cli:1", "75 квадратов");
    expect(next[0]?.text).toMatch(/бюджет/);
    const view = (await again.service.app.inject({ headers: asAdmin, method: "GET", url: "/v1/dialogs/cli:1" })).json();
    expect(view.slots).toMatchObject({ intent: "search", rooms: 3, area: 75 });
    await again.close();
    await reopened.close();
  });

  it("opens a folder given relative to the working directory, as the default ./data is", async () => {
    const db = await openDatabase({ dataDir: relative(process.cwd(), join(dataDir, "relative")) });
    const result = await db.pool.query<{ one: number }>("SELECT 1 AS one");
    expect(result.rows[0]?.one).toBe(1);
    await db.close();
  });
  it("keeps serving after a failed query: no broken pipe, no stale prepared statement, no half-done transaction", async () => {
    const db = await openDatabase({ dataDir: join(dataDir, "errors") });
    const named = (value: string) => db.pool.query({ name: "echo", text: "SELECT $1::text AS value", values: [value] });
    await named("before");
    await expect(db.pool.query("SELECT $1::jsonb", [{ text: "a\u0000" }])).rejects.toThrow(/Unicode/);
    expect((await named("after")).rows).toEqual([{ value: "after" }]);

    await db.pool.query("CREATE TABLE notes (text text)");
    const client = await db.pool.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO notes VALUES ('never committed')");
    client.release(new Error("connection lost mid-transaction"));
    expect((await db.pool.query("SELECT count(*)::int AS n FROM notes")).rows).toEqual([{ n: 0 }]);
    await db.close();
  });
});
