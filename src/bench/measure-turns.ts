// Drives dialogs concurrently through an HTTP endpoint from a worker thread; turns per second and latency percentiles.
import { once } from "node:events";
import { startTypeScriptWorker, TEST_SERVICE_ENV } from "@wewall/test-support";
import { z } from "zod";

export { BUYER_SCRIPT } from "./buyer-script.js";

export interface TurnFigures {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
}

const resultSchema = z.object({ latencies: z.array(z.number()), seconds: z.number() });

export async function measureTurns(options: {
  url: (dialogId: string) => string;
  dialogs: string[];
  turnsPerDialog: number;
  offset?: number;
}): Promise<TurnFigures> {
  const worker = startTypeScriptWorker(new URL("./turn-load-worker.ts", import.meta.url), {
    workerData: {
      urls: options.dialogs.map(options.url),
      turnsPerDialog: options.turnsPerDialog,
      offset: options.offset ?? 0,
      token: TEST_SERVICE_ENV.ADMIN_TOKEN,
    },
  });
  const failed = once(worker, "error").then(([error]: unknown[]) => Promise.reject(error));
  const [message]: unknown[] = await Promise.race([once(worker, "message"), failed]);
  await worker.terminate();
  const { latencies, seconds } = resultSchema.parse(message);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { turns: latencies.length, seconds, turnsPerSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

export const formatFigures = (f: TurnFigures) =>
  `${f.turns} turns in ${f.seconds.toFixed(2)} s: ${f.turnsPerSecond.toFixed(0)} turns/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`;
