// The usage ledger: rows written behind, totals read once per dialog and kept current, a restart sees the history.
import { runMigrations } from "@wewall/shared";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreMigrations } from "../db/migrations.js";
import { createUsageLedger } from "./usage-ledger.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("wewall_llm_ledger");
  await runMigrations(db.pool, "core", coreMigrations);
});
afterAll(async () => db?.close());

const call = (dialogId: string, tokens: number) => ({
  dialogId,
  purpose: "interpret" as const,
  outcome: "ok" as const,
  inputTokens: tokens,
  outputTokens: 1,
});

describe("usage ledger", () => {
  it("keeps a running total per dialog and writes every row", async () => {
    const ledger = createUsageLedger(db.pool);
    ledger.warm("l:1");
    await expect.poll(() => ledger.spent("l:1")).toBe(0);
    ledger.record(call("l:1", 99));
    ledger.record(call("l:1", 49));
    ledger.record(call("l:2", 9));
    expect(await ledger.spent("l:1")).toBe(150);
    await ledger.drain();
    const { rows } = await db.pool.query(
      "SELECT dialog_id, calls::int, input_tokens::int FROM llm_usage_by_dialog ORDER BY dialog_id",
    );
    expect(rows).toEqual([
      { dialog_id: "l:1", calls: 2, input_tokens: 148 },
      { dialog_id: "l:2", calls: 1, input_tokens: 9 },
    ]);
  });

  it("reads the history of a dialog after a restart without making the first call wait", async () => {
    const restarted = createUsageLedger(db.pool);
    expect(await restarted.spent("l:1")).toBe(0);
    await expect.poll(() => restarted.spent("l:1")).toBe(150);
    restarted.record(call("l:1", 9));
    expect(await restarted.spent("l:1")).toBe(160);
  });

  it("counts what it booked while the total was still being read", async () => {
    const ledger = createUsageLedger(db.pool);
    ledger.record(call("l:2", 19));
    expect(await ledger.spent("l:2")).toBe(20);
    await expect.poll(() => ledger.spent("l:2")).toBeGreaterThanOrEqual(30);
  });

  it("reports rows it could not write instead of throwing into a dialog", async () => {
    const errors: number[] = [];
    const nowhere = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/none", max: 1 });
    try {
      const ledger = createUsageLedger(nowhere, { onWriteError: (_error, rows) => errors.push(rows) });
      ledger.record(call("l:3", 1));
      ledger.record(call("l:3", 2));
      await ledger.drain();
      expect(errors).toEqual([2]);
    } finally {
      await nowhere.end();
    }
  });
});
