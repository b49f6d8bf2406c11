// Retention on the real core: a dialog silent past the period is erased everywhere, a recent one is untouched.
import { asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchedulerService } from "./service.js";
import { startSchedulerBed, type SchedulerBed } from "./testing/start-scheduler-bed.js";

const DAY = 24 * 3_600_000;

let bed: SchedulerBed;
let scheduler: SchedulerService;
beforeAll(async () => {
  bed = await startSchedulerBed();
  scheduler = await bed.startScheduler({ env: { RETENTION_DAYS: "365" } });
}, 120_000);
afterAll(async () => bed?.close());

async function drain(): Promise<void> {
  for (let pages = 0; pages < 20; pages += 1) if ((await scheduler.planner.once()) === 0) return;
}

const rowsAbout = async (dialogId: string) => {
  const { rows } = await bed.db.pool.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM dialogs WHERE id = $1) + (SELECT count(*) FROM transcript WHERE dialog_id = $1)
       + (SELECT count(*) FROM outbox WHERE dialog_id = $1) + (SELECT count(*) FROM inbox WHERE dialog_id = $1)
       + (SELECT count(*) FROM scheduler_dialogs WHERE dialog_id = $1)
       + (SELECT count(*) FROM scheduler_follow_ups WHERE dialog_id = $1) AS n`,
    [dialogId],
  );
  return Number(rows[0]?.n ?? 0);
};

describe("retention", () => {
  it("erases a dialog inactive longer than the period through the core, and nothing about a recent one", async () => {
    await bed.say("test:old", "хочу купить квартиру");
    await drain();
    bed.clock.advance(200 * DAY);
    await bed.say("test:recent", "хочу купить квартиру");
    await drain();
    bed.clock.advance(170 * DAY); // the old one silent 370 days, the recent one 170
    expect(await scheduler.retention.once()).toBe(1);
    expect(await rowsAbout("test:old")).toBe(0);
    expect(await rowsAbout("test:recent")).toBeGreaterThan(3);
    const view = await fetch(`${bed.core.url}/v1/dialogs/test:old`, { headers: asAdmin });
    expect(view.status).toBe(404);
    expect(await scheduler.retention.once()).toBe(0);
  });
});
