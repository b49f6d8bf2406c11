// Runs in a worker thread so the load generator does not share the service's event loop: sends the dialogs' turns.
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { BUYER_SCRIPT } from "./buyer-script.js";

const job = z.object({ urls: z.array(z.string()), turnsPerDialog: z.number(), offset: z.number() }).parse(workerData);

const latencies: number[] = [];
const started = performance.now();
await Promise.all(
  job.urls.map(async (url) => {
    for (let i = 0; i < job.turnsPerDialog; i += 1) {
      const n = job.offset + i;
      const sent = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ messageId: `b${n}`, text: BUYER_SCRIPT[n % BUYER_SCRIPT.length] }),
      });
      if (response.status !== 200) throw new Error(`turn answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - sent);
    }
  }),
);
parentPort?.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
