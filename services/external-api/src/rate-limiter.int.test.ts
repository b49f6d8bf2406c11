// The token bucket and the daily quota, in-process and in Redis (shared by replicas), on a clock the test moves.
import { Redis } from "ioredis";
import { redisServer } from "@wewall/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from "./rate-limiter.js";

const clock = { now: Date.parse("2026-03-04T23:59:00Z") };
const redis = redisServer ? new Redis("redis://127.0.0.1:6379") : undefined;
afterAll(async () => redis?.quit());

const kinds: [string, () => RateLimiter][] = [["memory", () => createMemoryRateLimiter(() => clock.now)]];
if (redis) kinds.push(["redis", () => createRedisRateLimiter(redis, () => clock.now)]);

describe.each(kinds)("%s rate limiter", (_kind, create) => {
  const limit = { rate: 2, burst: 3 };

  it("allows the burst, then one request per 1/rate seconds", async () => {
    const limiter = create();
    const key = `t${Math.random()}`;
    for (let i = 0; i < 3; i += 1) expect((await limiter.take(key, limit)).allowed).toBe(true);
    const refused = await limiter.take(key, limit);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1 });
    clock.now += 500;
    expect((await limiter.take(key, limit)).allowed).toBe(true);
    expect((await limiter.take(key, limit)).allowed).toBe(false);
  });

  it("counts a quota per UTC day and starts again the next day", async () => {
    const limiter = create();
    const key = `q${Math.random()}`;
    expect((await limiter.quota(key, 2)).allowed).toBe(true);
    expect((await limiter.quota(key, 2)).remaining).toBe(0);
    const over = await limiter.quota(key, 2);
    expect(over.allowed).toBe(false);
    expect(over.retryAfter).toBeGreaterThan(0);
    clock.now += 86_400_000;
    expect((await limiter.quota(key, 2)).allowed).toBe(true);
  });
});

describe.skipIf(!redisServer)("redis rate limiter across replicas", () => {
  it("shares one bucket between two limiters", async () => {
    if (!redis) return;
    const [a, b] = [createRedisRateLimiter(redis, () => clock.now), createRedisRateLimiter(redis, () => clock.now)];
    const key = `shared${Math.random()}`;
    const limit = { rate: 1, burst: 2 };
    expect((await a.take(key, limit)).allowed).toBe(true);
    expect((await b.take(key, limit)).allowed).toBe(true);
    expect((await a.take(key, limit)).allowed).toBe(false);
  });
});
