// Token buckets per key (requests per second with a burst) and daily quotas: in Redis when shared, else in-process.
import type { Redis } from "ioredis";

export interface Limit {
  /** Tokens added per second. */
  rate: number;
  /** The bucket's size: how many requests may arrive at once. */
  burst: number;
}

export interface Decision {
  allowed: boolean;
  /** Whole requests left now (bucket) or today (quota). */
  remaining: number;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfter: number;
  /** Seconds until the bucket is full again, or the quota's day ends. */
  reset: number;
}

export interface RateLimiter {
  take(key: string, limit: Limit): Promise<Decision>;
  /** Counts one unit against `limit` per UTC day. */
  quota(key: string, limit: number): Promise<Decision>;
}

const secondsToMidnight = (nowMs: number) => Math.max(1, Math.ceil((86_400_000 - (nowMs % 86_400_000)) / 1000));
const dayOf = (nowMs: number) => new Date(nowMs).toISOString().slice(0, 10);

function decide(tokens: number, allowed: boolean, limit: Limit): Decision {
  return {
    allowed,
    remaining: Math.floor(tokens),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / limit.rate)),
    reset: Math.ceil((limit.burst - tokens) / limit.rate),
  };
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const days = new Map<string, number>();
  return {
    async take(key, limit) {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + ((at - bucket.at) / 1000) * limit.rate);
      bucket.at = at;
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(key, bucket);
      return decide(bucket.tokens, allowed, limit);
    },
    async quota(key, limit) {
      const at = now();
      const day = `${key}:${dayOf(at)}`;
      const used = (days.get(day) ?? 0) + 1;
      days.set(day, used);
      const reset = secondsToMidnight(at);
      return {
        allowed: used <= limit,
        remaining: Math.max(0, limit - used),
        retryAfter: used <= limit ? 0 : reset,
        reset,
      };
    },
  };
}

// One round trip, atomic across replicas: refill by elapsed time, take a token if there is one.
const TAKE = `
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1]) or burst, tonumber(b[2]) or now
tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(tokens)}`;

export function createRedisRateLimiter(redis: Redis, now: () => number = Date.now): RateLimiter {
  return {
    async take(key, limit) {
      const answer: unknown = await redis.eval(TAKE, 1, `wewall:rl:${key}`, limit.rate, limit.burst, now());
      const [allowed, tokens] = Array.isArray(answer) ? answer : [0, "0"];
      return decide(Number(tokens), allowed === 1, limit);
    },
    async quota(key, limit) {
      const at = now();
      const name = `wewall:quota:${key}:${dayOf(at)}`;
      const results = await redis.multi().incr(name).expire(name, 90_000).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const reset = secondsToMidnight(at);
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        retryAfter: count <= limit ? 0 : reset,
        reset,
      };
    },
  };
}
