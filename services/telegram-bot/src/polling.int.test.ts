// Long-polling mode (no webhook URL): updates fetched with getUpdates go through the same inbox and workers.
import { type FakeCore } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./testing/fake-telegram.js";
import { startTestBed, type TestBed } from "./testing/start-test-bed.js";
import { postUpdate, waitFor, type Harness } from "./testing/harness.js";
import { textUpdate } from "./testing/updates.js";

let telegram: FakeTelegram;
let core: FakeCore;
let harness: Harness;

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed({ webhook: false });
  ({ telegram, core, harness } = bed);
});

afterAll(() => bed?.close());

describe("long polling", () => {
  it("drops any webhook and serves no webhook route", async () => {
    expect(telegram.callsOf("deleteWebhook")).toHaveLength(1);
    expect(telegram.callsOf("setWebhook")).toHaveLength(0);
    expect(await postUpdate(harness.url, textUpdate(1, 1, "x"))).toBe(404);
  });

  it("stores polled updates, confirms them by offset, and replies in order", async () => {
    telegram.pushUpdate(textUpdate(50, 401, "один"));
    telegram.pushUpdate(textUpdate(51, 401, "два"));
    await waitFor(() => telegram.sentTo(401).length === 2, 10_000, "two replies");
    expect(telegram.sentTo(401).map((m) => m.text)).toEqual(["Эхо: один", "Эхо: два"]);
    telegram.pushUpdate(textUpdate(52, 401, "три"));
    await waitFor(() => telegram.sentTo(401).length === 3, 10_000, "third reply");
    const offsets = telegram.callsOf("getUpdates").map((c) => c.params.offset);
    expect(offsets).toContain(52);
    expect(core.messages.filter((m) => m.dialogId === "telegram:401")).toHaveLength(3);
  });

  it("keeps polling through Telegram errors", async () => {
    telegram.fail({ method: "getUpdates", times: 2, status: 502 });
    telegram.pushUpdate(textUpdate(60, 402, "после сбоя"));
    await waitFor(() => telegram.sentTo(402).length === 1, 15_000, "reply after errors");
  });
});
