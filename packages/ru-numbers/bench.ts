// Throughput of extractNumbers and parseSlots over realistic client messages and real CIAN listing titles.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createStationIndex, extractNumbers, loadStationsCsv, parseSlots } from "./src/index.js";
import { parseCsv } from "@wewall/shared/csv";
import { dataDir } from "./src/run-cli.js";

function measure(label: string, messages: readonly string[], run: (text: string) => unknown): void {
  // Warm up the JIT, then time whole passes for about two seconds of wall time.
  for (let i = 0; i < 3; i++) for (const m of messages) run(m);
  let count = 0;
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  let wall = 0;
  while (wall < 2) {
    for (const m of messages) run(m);
    count += messages.length;
    wall = Number(process.hrtime.bigint() - started) / 1e9;
  }
  const used = process.cpuUsage(cpuStart);
  const cpu = (used.user + used.system) / 1e6;
  const rate = (seconds: number): string => Math.round(count / seconds).toLocaleString("en-US");
  // CPU time is the one-core figure; wall time also counts waiting for a core on a shared machine.
  console.log(
    `${label}: ${rate(cpu)} msg/s per core (CPU ${cpu.toFixed(2)} s), ${rate(wall)} msg/s wall, ${count} messages`,
  );
}

export default async function bench(): Promise<void> {
  const data = dataDir(process.argv.slice(2));
  const client = readFileSync(new URL("./src/fixtures/client-messages.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "");
  const titles = parseCsv(readFileSync(resolve(data, "cian_moscow_sale_flats_2023.csv"), "utf8"))
    .records.slice(0, 2000)
    .map((row) => `${row["title"] ?? ""} ${row["subtitle"] ?? ""}`);
  const stations = createStationIndex(
    loadStationsCsv(readFileSync(resolve(data, "moscow_metro_stations_hh_2026.csv"), "utf8")),
  );
  const avg = (list: string[]): number => Math.round(list.reduce((n, m) => n + m.length, 0) / list.length);
  console.log(
    `corpus: ${client.length} client messages (avg ${avg(client)} chars), ${titles.length} CIAN titles (avg ${avg(titles)} chars)`,
  );
  measure("extractNumbers, client messages", client, extractNumbers);
  measure("parseSlots + stations, client messages", client, (m) => parseSlots(m, { stations }));
  measure("parseSlots + stations, CIAN titles", titles, (m) => parseSlots(m, { stations }));
}
