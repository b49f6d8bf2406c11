// The feed follower: pages applied in order from the stored cursor, failures retried, a waiting read cut by stop().
import { describe, expect, it } from "vitest";
import type { DialogEvent } from "./contracts/dialogs.js";
import { createEventFeedFollower, type EventPage } from "./follow-event-feed.js";
import { createLogger } from "./logger.js";

const event = (id: number): DialogEvent => ({
  id,
  dialogId: `telegram:${id}`,
  type: "dialog.erased",
  data: {},
  at: new Date(0).toISOString(),
});

// A feed of ids 1..last served two at a time; an empty answer waits until stop() aborts it.
function fakeFeed(last: number, failFirst = 0) {
  let cursor = 0;
  let failures = failFirst;
  const applied: number[] = [];
  const reads: number[] = [];
  return {
    applied,
    reads,
    loadCursor: async () => cursor,
    async readPage(after: number, options: { waitMs: number; signal: AbortSignal }): Promise<EventPage> {
      reads.push(after);
      if (failures-- > 0) throw new Error("core down");
      const events = [after + 1, after + 2].filter((id) => id <= last).map(event);
      if (events.length === 0 && options.waitMs > 0) {
        await new Promise((resolve) => options.signal.addEventListener("abort", resolve, { once: true }));
      }
      return { events, cursor: events.at(-1)?.id ?? after };
    },
    async apply(page: EventPage) {
      applied.push(...page.events.map((e) => e.id));
      cursor = page.cursor;
    },
  };
}

const logger = createLogger("follow-event-feed-test", "silent");

describe("event feed follower", () => {
  it("applies each page once, in order, resuming from the stored cursor", async () => {
    const feed = fakeFeed(5);
    const follower = createEventFeedFollower({ ...feed, logger });
    expect(await follower.once()).toBe(2);
    follower.start();
    while (feed.applied.length < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    await follower.stop();
    expect(feed.applied).toEqual([1, 2, 3, 4, 5]);
    expect(feed.reads).toEqual([0, 2, 4, 5]);
  });

  it("retries a failed read and goes on from the same cursor", async () => {
    const feed = fakeFeed(2, 1);
    const follower = createEventFeedFollower({ ...feed, logger });
    follower.start();
    while (feed.applied.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await follower.stop();
    expect(feed.reads.slice(0, 2)).toEqual([0, 0]);
    expect(feed.applied).toEqual([1, 2]);
  });
});
