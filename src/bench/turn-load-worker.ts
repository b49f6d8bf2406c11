// Runs in a worker thread so the load generator does not share the service's event loop: sends the dialogs' turns.
// undici's request on a keep-alive agent: fetch cost the load generator about 4 ms of CPU per request here.
import { parentPort, workerData } from "node:worker_threads";
import { Agent, request } from "undici";
import { z } from "zod";
import { BUYER_SCRIPT } from "./buyer-script.js";

const job = z
  .object({ urls: z.array(z.string()), turnsPerDialog: z.number(), offset: z.number(), token: z.string() })
  .parse(workerData);
const agent = new Agent({ connections: job.urls.length });

const latencies: number[] = [];
const started = performance.now();
await Promise.all(
  job.urls.map(async (url) => {
    for (let i = 0; i < job.turnsPerDialog; i += 1) {
      const n = job.offset + i;
      const sent = performance.now();
      const response = await request(url, {
        dispatcher: agent,
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${job.token}` },
        body: JSON.stringify({ messageId: `b${n}`, text: BUYER_SCRIPT[n % BUYER_SCRIPT.length] }),
      });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`turn answered ${response.statusCode}: ${text}`);
      latencies.push(performance.now() - sent);
    }
  }),
);
await agent.close();
parentPort?.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
