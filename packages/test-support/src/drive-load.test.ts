import { describe, expect, it } from "vitest";
import { driveLoad } from "./drive-load.js";

describe("driveLoad", () => {
  it("sends every index once over at most the given connections", async () => {
    const sent: number[] = [];
    let open = 0;
    let mostOpen = 0;
    await driveLoad(50, { connections: 4 }, async (index) => {
      open++;
      mostOpen = Math.max(mostOpen, open);
      await new Promise((resolve) => setTimeout(resolve, 1));
      sent.push(index);
      open--;
    });
    expect([...sent].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(mostOpen).toBe(4);
  });

  it("starts every index in order at a rate, without waiting for answers", async () => {
    const started: number[] = [];
    const answers: (() => void)[] = [];
    const done = driveLoad(20, { ratePerSecond: 2_000 }, (index) => {
      started.push(index);
      return new Promise<void>((resolve) => answers.push(resolve));
    });
    while (started.length < 20) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    for (const answer of answers) answer();
    await done;
  });
});
