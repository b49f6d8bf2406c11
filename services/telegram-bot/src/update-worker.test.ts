import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { createLogger } from "@wewall/shared";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InboxStore } from "./inbox-store.js";
import { createUpdateWorker } from "./update-worker.js";

function recordingInbox() {
  const done: number[] = [];
  const failed: number[] = [];
  const inbox: InboxStore = {
    store: () => Promise.reject(new Error("not used")),
    pending: () => Promise.resolve([]),
    markDone: (updateId) => void done.push(updateId),
    flush: () => Promise.resolve(),
    settled: () => Promise.resolve(),
    markFailed: (updateId) => Promise.resolve(void failed.push(updateId)),
    noteAttempt: () => Promise.resolve(),
    renewLeases: () => Promise.resolve(),
    releaseLeases: () => Promise.resolve(),
  };
  return { inbox, done, failed };
}

function failingBot(failures: number, error: () => unknown) {
  let calls = 0;
  const bot = {
    handleUpdate: () => (++calls <= failures ? Promise.reject(error()) : Promise.resolve()),
  } as unknown as Bot;
  return { bot, calls: () => calls };
}

const update = { update_id: 1 } as Update;

afterEach(() => vi.useRealTimers());

describe("update worker", () => {
  it("waits out a database outage however long it lasts, and then handles the update", async () => {
    vi.useFakeTimers();
    const { inbox, done, failed } = recordingInbox();
    const outage = failingBot(20, () => new Error("Connection terminated unexpectedly"));
    const worker = createUpdateWorker({ bot: outage.bot, inbox, logger: createLogger("test", "silent") });
    worker.enqueue({ updateId: 1, chatId: "7", update });
    while (done.length === 0 && failed.length === 0) await vi.advanceTimersByTimeAsync(1_000);
    expect(outage.calls()).toBe(21);
    expect(done).toEqual([1]);
    expect(failed).toEqual([]);
  });

  it("records an update as failed after a few tries when handling it fails for another reason", async () => {
    vi.useFakeTimers();
    const { inbox, done, failed } = recordingInbox();
    const bug = failingBot(Infinity, () => new TypeError("cannot read properties of undefined"));
    const worker = createUpdateWorker({ bot: bug.bot, inbox, logger: createLogger("test", "silent") });
    worker.enqueue({ updateId: 1, chatId: "7", update });
    while (done.length === 0 && failed.length === 0) await vi.advanceTimersByTimeAsync(1_000);
    expect(bug.calls()).toBe(8);
    expect(failed).toEqual([1]);
  });
});
