// The send limits on a fake clock: per-key spacing after a burst, and order of reservations.
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.js";

function fakeClock() {
  let now = 0;
  const waits: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
    waits,
  };
}

describe("createRateLimiter", () => {
  it("lets a burst through, then spaces calls at the rate", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 1, burst: 3, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 3; i += 1) await limiter.take("chat");
    expect(clock.waits).toEqual([]);
    await limiter.take("chat");
    await limiter.take("chat");
    expect(clock.waits).toEqual([1000, 1000]);
  });

  it("tryTake takes a free slot and refuses, without waiting or reserving, when there is none", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 10, burst: 2, now: clock.now, sleep: clock.sleep });
    expect([limiter.tryTake(), limiter.tryTake(), limiter.tryTake()]).toEqual([true, true, false]);
    clock.advance(100);
    expect([limiter.tryTake(), limiter.tryTake()]).toEqual([true, false]);
    expect(clock.waits).toEqual([]);
  });

  it("keeps keys independent", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 1, now: clock.now, sleep: clock.sleep });
    await limiter.take("a");
    await limiter.take("b");
    expect(clock.waits).toEqual([]);
  });

  it("30 per second overall: no second holds more than 30 sends, even right after a quiet spell", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 30, now: clock.now, sleep: clock.sleep });
    clock.advance(60_000);
    const sentAt: number[] = [];
    for (let i = 0; i < 90; i += 1) {
      await limiter.take();
      sentAt.push(clock.now());
    }
    const busiestSecond = Math.max(
      ...sentAt.map((start) => sentAt.filter((t) => t >= start && t < start + 1000).length),
    );
    expect(busiestSecond).toBe(30);
  });

  it("counts an album as one message per photo", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 1, now: clock.now, sleep: clock.sleep });
    await limiter.take("chat", 4);
    await limiter.take("chat");
    expect(clock.waits).toEqual([4000]);
  });

  it("refills while idle", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ perSecond: 1, now: clock.now, sleep: clock.sleep });
    await limiter.take("chat");
    clock.advance(5000);
    await limiter.take("chat");
    expect(clock.waits).toEqual([]);
  });
});
