// claimWithLease on a real PostgreSQL: claims due rows, reclaims an expired lease, never hands a row to two claimers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { claimWithLease, markDone, releaseWithBackoff, renewLeases, type QueueTable } from "./claim-with-lease.js";

let db: TestDatabase;
const jobs: QueueTable = { table: "jobs", key: "id", returning: "q.id, q.chat, q.attempts" };
const heads: QueueTable = { ...jobs, headOf: "q.chat" };
type Row = { id: number; chat: string; attempts: number };

beforeAll(async () => {
  db = await createTestDatabase("wewall_queue");
  await db.pool.query(`CREATE TABLE jobs (
    id bigserial PRIMARY KEY, chat text NOT NULL,
    status text NOT NULL DEFAULT 'pending', attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(), lease_until timestamptz, last_error text,
    created_at timestamptz NOT NULL DEFAULT now(), done_at timestamptz)`);
});
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.pool.query("TRUNCATE jobs RESTART IDENTITY");
});

const add = (...chats: string[]) =>
  db.pool.query("INSERT INTO jobs (chat) SELECT unnest($1::text[]) ORDER BY 1", [chats]);
const ids = (rows: Row[]) => rows.map((row) => row.id).sort((a, b) => a - b);

describe("claimWithLease", () => {
  it("claims due pending rows up to the limit, counts the attempt and leases them", async () => {
    await add("a", "b", "c");
    const first = await claimWithLease<Row>(db.pool, jobs, { limit: 2, leaseMs: 60_000 });
    expect(ids(first)).toEqual([1, 2]);
    expect(first.every((row) => row.attempts === 1)).toBe(true);
    expect(ids(await claimWithLease<Row>(db.pool, jobs, { limit: 5, leaseMs: 60_000 }))).toEqual([3]);
    expect(await claimWithLease<Row>(db.pool, jobs, { limit: 5, leaseMs: 60_000 })).toEqual([]);
  });

  it("claims a row again once its lease has run out, unless it was renewed", async () => {
    await add("a", "b");
    await claimWithLease<Row>(db.pool, jobs, { limit: 2, leaseMs: 300 });
    await renewLeases(db.pool, jobs, [2], 60_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const again = await claimWithLease<Row>(db.pool, jobs, { limit: 5, leaseMs: 60_000 });
    expect(again.map((row) => [row.id, row.attempts])).toEqual([[1, 2]]);
  });

  it("never gives the same row to two concurrent claimers", async () => {
    await add(...Array.from({ length: 200 }, (_, i) => `chat-${i}`));
    const claimers = Array.from({ length: 8 }, () =>
      claimWithLease<Row>(db.pool, jobs, { limit: 40, leaseMs: 60_000 }),
    );
    const all = (await Promise.all(claimers)).flat().map((row) => row.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(200);
  });

  it("keeps a key's order: only its oldest pending row is claimable, and only when free", async () => {
    await add("a", "a", "b");
    expect(ids(await claimWithLease<Row>(db.pool, heads, { limit: 5, leaseMs: 60_000 }))).toEqual([1, 3]);
    expect(await claimWithLease<Row>(db.pool, heads, { limit: 5, leaseMs: 60_000 })).toEqual([]);
    await markDone(db.pool, heads, [1], { doneAt: true });
    expect(ids(await claimWithLease<Row>(db.pool, heads, { limit: 5, leaseMs: 60_000 }))).toEqual([2]);
  });

  it("holds a released row back for its backoff, with the error, and can refund the attempt", async () => {
    await add("a", "b");
    await claimWithLease<Row>(db.pool, jobs, { limit: 2, leaseMs: 60_000 });
    await releaseWithBackoff(db.pool, jobs, [1], { delayMs: 300, error: "amoCRM answered 503" });
    await releaseWithBackoff(db.pool, jobs, [2], { delayMs: 0, refundAttempt: true });
    expect(ids(await claimWithLease<Row>(db.pool, jobs, { limit: 5, leaseMs: 60_000 }))).toEqual([2]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const later = await claimWithLease<Row>(db.pool, jobs, { limit: 5, leaseMs: 60_000 });
    expect(later.map((row) => [row.id, row.attempts])).toEqual([[1, 2]]);
    const { rows } = await db.pool.query("SELECT id, attempts, last_error FROM jobs ORDER BY id");
    expect(rows).toEqual([
      { id: 1, attempts: 2, last_error: "amoCRM answered 503" },
      { id: 2, attempts: 1, last_error: null },
    ]);
  });

  it("applies a queue's own conditions with their parameters, and ends rows with a status", async () => {
    await add("a", "b");
    const onlyB: QueueTable = { ...jobs, where: "q.chat = ANY($3::text[])" };
    expect(ids(await claimWithLease<Row>(db.pool, onlyB, { limit: 5, leaseMs: 60_000, params: [["b"]] }))).toEqual([2]);
    await markDone(db.pool, jobs, [2], { status: "failed", error: "rejected", doneAt: true });
    const { rows } = await db.pool.query("SELECT status, lease_until, last_error FROM jobs WHERE id = 2");
    expect(rows[0]).toEqual({ status: "failed", lease_until: null, last_error: "rejected" });
  });
});
