// Runs in a worker thread so the load generator does not share the service's event loop: sends the dialogs' turns.
// node:http with a keep-alive agent: fetch (undici) cost the load generator about 4 ms of CPU per request here.
import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import { z } from "zod";
import { BUYER_SCRIPT } from "./buyer-script.js";

const job = z.object({ urls: z.array(z.string()), turnsPerDialog: z.number(), offset: z.number() }).parse(workerData);
const agent = new Agent({ keepAlive: true, maxSockets: job.urls.length });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          if (response.statusCode === 200) resolve(200);
          else reject(new Error(`turn answered ${String(response.statusCode)}: ${Buffer.concat(chunks).toString()}`));
        });
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

const latencies: number[] = [];
const started = performance.now();
await Promise.all(
  job.urls.map(async (url) => {
    for (let i = 0; i < job.turnsPerDialog; i += 1) {
      const n = job.offset + i;
      const sent = performance.now();
      await post(url, JSON.stringify({ messageId: `b${n}`, text: BUYER_SCRIPT[n % BUYER_SCRIPT.length] }));
      latencies.push(performance.now() - sent);
    }
  }),
);
agent.destroy();
parentPort?.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
