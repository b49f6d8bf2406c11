// The Redis dialog lock across processes: a live holder keeps it past its lease, a dead one loses it within a lease.
import { randomUUID } from "node:crypto";
import { redisServer } from "@wewall/test-support";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisLock, DIALOG_LOCK_LEASE_MS } from "./dialog-lock.js";

const REDIS_URL = "redis://127.0.0.1:6379";
const clients: Redis[] = [];
const connect = () => {
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  clients.push(client);
  return client;
};
afterAll(() => {
  for (const client of clients) client.disconnect();
});

describe.skipIf(!redisServer)("Redis dialog lock", () => {
  it("stays with a live holder whose turn outlasts the lease", async () => {
    const dialogId = `test:${randomUUID()}`;
    const first = createRedisLock(connect(), { leaseMs: 300 });
    const second = createRedisLock(connect(), { leaseMs: 300 });
    const log: string[] = [];
    const holding = first.withLock(dialogId, async () => {
      log.push("first:start");
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      log.push("first:end");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await second.withLock(dialogId, async () => void log.push("second"));
    await holding;
    expect(log).toEqual(["first:start", "first:end", "second"]);
  });

  it("frees a dead holder's dialog within one short lease", async () => {
    expect(DIALOG_LOCK_LEASE_MS).toBeLessThanOrEqual(6_000);
    const dialogId = `test:${randomUUID()}`;
    const doomed = connect();
    let finish: () => void = () => undefined;
    const stuck = createRedisLock(doomed)
      .withLock(dialogId, () => new Promise<void>((resolve) => (finish = resolve)))
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The holder's process is gone: its connection drops and nothing renews the lease any more.
    doomed.disconnect();
    const startedAt = Date.now();
    await createRedisLock(connect()).withLock(dialogId, async () => undefined);
    expect(Date.now() - startedAt).toBeLessThan(DIALOG_LOCK_LEASE_MS + 500);
    finish();
    await stuck;
  }, 15_000);
});
