// The numbers/slots commands over in-memory streams: one JSON line per input line, in order.
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { dataDir, runNumbers, runSlots } from "./run-cli.js";

async function run(
  command: typeof runNumbers,
  input: string,
  args: string[] = [],
): Promise<{ code: number; lines: string[] }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on("data", (chunk: Buffer) => chunks.push(chunk));
  const code = await command(args, { input: Readable.from([Buffer.from(input, "utf8")]), output });
  return { code, lines: Buffer.concat(chunks).toString("utf8").split("\n").slice(0, -1) };
}

describe("runNumbers", () => {
  it("writes one JSON array per line, [] when a line has no number", async () => {
    const { code, lines } = await run(runNumbers, "двушка до 12 млн\r\nпривет\n\nот 10 до 15 млн, 3/9\n");
    expect(code).toBe(0);
    expect(lines).toEqual(["[12000000]", "[]", "[]", "[10000000,15000000,3,9]"]);
  });
});

describe("runSlots", () => {
  it("writes one JSON object per line with stations from the data folder", async () => {
    const { code, lines } = await run(runSlots, "двушка у Таганской до 12 млн\nздравствуйте\n");
    expect(code).toBe(0);
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ rooms: 2, metro: "Таганская", budget: 12_000_000 }, {}]);
  });

  it("fails with code 1 when the data folder has no stations file", async () => {
    const { code, lines } = await run(runSlots, "x\n", ["--data", "/nonexistent-wewall-data"]);
    expect(code).toBe(1);
    expect(lines).toEqual([]);
  });
});

describe("dataDir", () => {
  it("defaults to ../shared/data beside the repository and honours --data", () => {
    expect(dataDir([])).toMatch(/\/shared\/data$/);
    expect(dataDir(["--data", "/tmp/x"])).toBe("/tmp/x");
  });
});
