// The `numbers` and `slots` commands: one message per stdin line in, one JSON line per message out.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createStationIndex } from "./create-station-index.js";
import { extractNumbers } from "./extract-numbers.js";
import { loadStationsCsv } from "./load-stations-csv.js";
import { parseSlots } from "./parse-slots.js";

export interface CliIo {
  input: Readable;
  output: Writable;
}

const STATIONS_FILE = "moscow_metro_stations_hh_2026.csv";
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/** `--data <dir>`, else ../shared/data beside the repository. */
export function dataDir(args: readonly string[]): string {
  const at = args.indexOf("--data");
  const given = at >= 0 ? args[at + 1] : undefined;
  return given ? resolve(given) : resolve(repoRoot, "../shared/data");
}

async function mapLines(io: CliIo, transform: (line: string) => unknown): Promise<void> {
  io.input.setEncoding("utf8");
  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!io.output.write(`${JSON.stringify(transform(line))}\n`)) {
      await new Promise((done) => io.output.once("drain", done));
    }
  }
}

export async function runNumbers(
  _args: string[],
  io: CliIo = { input: process.stdin, output: process.stdout },
): Promise<number> {
  await mapLines(io, (line) => extractNumbers(line).map((m) => m.value));
  return 0;
}

export async function runSlots(
  args: string[],
  io: CliIo = { input: process.stdin, output: process.stdout },
): Promise<number> {
  const file = resolve(dataDir(args), STATIONS_FILE);
  let csv: string;
  try {
    csv = await readFile(file, "utf8");
  } catch (error) {
    console.error(`slots: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const stations = createStationIndex(loadStationsCsv(csv));
  await mapLines(io, (line) => parseSlots(line, { stations }));
  return 0;
}
