// The feed follower: pages applied in order from the stored cursor, failures retried, a waiting read cut by stop().
import pino from "pino";
import { describe, expect, it } from "vitest";
import { eventPageSchema, type DialogEvent } from "./contracts/events.js";
import { createEventFeedFollower, type EventPage } from "./follow-event-feed.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./metrics.js";

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

describe("an event the reader cannot read", () => {
  it("is logged at error level and counted by type, and the page around it is applied", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const capture = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const metrics = createMetrics("follow-event-feed-test");
    const applied: EventPage[] = [];
    const page = eventPageSchema.parse({
      events: [
        event(1),
        { ...event(2), type: "owner.changed", data: { owner: "robot", reason: "x" } },
        { ...event(3), type: "dialog.archived", data: {} },
        event(4),
      ],
      cursor: 4,
    });
    const follower = createEventFeedFollower({
      loadCursor: async () => 0,
      readPage: async () => page,
      apply: async (read) => applied.push(read),
      logger: capture,
      metrics,
    });
    expect(await follower.once()).toBe(4);
    expect(applied.map((read) => read.events.map((e) => e.id))).toEqual([[1, 4]]);
    expect(applied[0]?.cursor).toBe(4);
    const errors = lines.filter((line) => line.level === 50);
    expect(errors.map((line) => [line.eventId, line.type])).toEqual([
      [2, "owner.changed"],
      [3, "dialog.archived"],
    ]);
    expect(errors[0]?.problems).toEqual([expect.stringMatching(/^data\.owner: /)]);
    const text = await metrics.text();
    expect(text).toMatch(/wewall_events_unreadable_total\{type="owner.changed",service="follow-event-feed-test"\} 1/);
    expect(text).toMatch(/wewall_events_unreadable_total\{type="unknown",service="follow-event-feed-test"\} 1/);
  });
});
