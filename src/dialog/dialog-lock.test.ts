// The in-process lock runs one dialog's work strictly one after another and other dialogs alongside.
import { describe, expect, it } from "vitest";
import { createLocalLock } from "./dialog-lock.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("local dialog lock", () => {
  it("serialises work on one dialog, even when a holder fails", async () => {
    const lock = createLocalLock();
    const log: string[] = [];
    const work = (name: string, fail = false) =>
      lock.withLock("d1", async () => {
        log.push(`${name}:start`);
        await pause(10);
        log.push(`${name}:end`);
        if (fail) throw new Error(name);
      });
    await Promise.allSettled([work("a", true), work("b"), work("c")]);
    expect(log).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
  });

  it("lets different dialogs run at once", async () => {
    const lock = createLocalLock();
    let concurrent = 0;
    let peak = 0;
    await Promise.all(
      ["d1", "d2", "d3"].map((id) =>
        lock.withLock(id, async () => {
          concurrent += 1;
          peak = Math.max(peak, concurrent);
          await pause(10);
          concurrent -= 1;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
