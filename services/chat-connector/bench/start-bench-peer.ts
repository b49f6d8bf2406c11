// The bench's side of the peer thread (fake core, fake amoCRM, webhook load driver), and how its figures are printed.
import { once } from "node:events";
import { startTypeScriptWorker } from "@wewall/test-support";
import { z } from "zod";
import type { BenchCommand } from "./bench-peer.js";

export type BenchPeer = Awaited<ReturnType<typeof startBenchPeer>>;

export const loadAnswer = z.object({
  latencies: z.array(z.number()),
  failures: z.number(),
  busyMs: z.number(),
});
export type LoadAnswer = z.infer<typeof loadAnswer>;

export async function startBenchPeer() {
  const worker = startTypeScriptWorker(new URL("./bench-peer.ts", import.meta.url));
  const next = async () => {
    const [message]: unknown[] = await once(worker, "message");
    return z.record(z.string(), z.unknown()).parse(message);
  };
  const ready = await next();
  async function ask(command: BenchCommand) {
    worker.postMessage(command);
    const answer = await next();
    if (answer.type === "error") throw new Error(String(answer.message));
    return answer;
  }
  return {
    coreUrl: String(ready.coreUrl),
    amoUrl: String(ready.amoUrl),
    scopeId: String(ready.scopeId),
    ask,
    load: async (command: Extract<BenchCommand, { type: "load" }>) => loadAnswer.parse(await ask(command)),
    async close() {
      worker.postMessage({ type: "close" });
      await next();
      await worker.terminate();
    },
  };
}

export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
export const ms = (value: number) => `${value.toFixed(2)} ms`;

export function latencyLine(latencies: readonly number[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? 0)}`;
}
