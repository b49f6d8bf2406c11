// Benchmarks: webhook updates acknowledged per second (p50/p99), and update → reply recorded by a fake Telegram.
// The fakes and the load driver run in worker threads; the service has the main thread, as in production.
import { once } from "node:events";
import { createTestDatabase, startTypeScriptWorker } from "@wewall/test-support";
import type { DriveCommand } from "./bench/bench-driver.js";
import type { FakesCommand } from "./bench/bench-fakes.js";
import { startHarness } from "./src/testing/harness.js";

const ACK_UPDATES = 10_000;
const E2E_CHATS = 2_000;
const CONNECTIONS = 64;
// The ack latency at a steady rate, including the target rate of 2 000 updates/s.
const PACED_RATES = [200, 2_000];

interface Peer<Command> {
  ready: Record<string, unknown>;
  ask(command: Command): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

async function startPeer<Command>(module: string, env: Record<string, string> = {}): Promise<Peer<Command>> {
  const worker = startTypeScriptWorker(new URL(module, import.meta.url), { env: { ...process.env, ...env } });
  const next = async (): Promise<Record<string, unknown>> => {
    const [message]: unknown[] = await once(worker, "message");
    if (typeof message !== "object" || message === null) throw new Error("bench peer sent nonsense");
    const record = Object.fromEntries(Object.entries(message));
    if (record.type === "error") throw new Error(`bench peer: ${String(record.message)}`);
    return record;
  };
  const ready = await next();
  return {
    ready,
    async ask(command) {
      worker.postMessage(command);
      return next();
    },
    async close() {
      worker.postMessage({ type: "close" });
      await next();
      await worker.terminate();
    },
  };
}

// The fakes (Telegram, core) and the load driver each get a thread; the service has the main thread.
async function startPeers(echo: boolean) {
  const fakes = await startPeer<FakesCommand>("./bench/bench-fakes.ts", {
    BENCH_FAKE_CORE_ECHO: echo ? "1" : "0",
  });
  const driver = await startPeer<DriveCommand>("./bench/bench-driver.ts");
  return {
    fakes,
    driver,
    apiRoot: String(fakes.ready.apiRoot),
    coreUrl: String(fakes.ready.coreUrl),
    close: () => Promise.all([fakes.close(), driver.close()]),
  };
}

const ms = (value: unknown) => (typeof value === "number" ? value.toFixed(2) : "?");

function summarize(latencies: unknown): { p50: unknown; p99: unknown; max: unknown } {
  const list = Array.isArray(latencies) ? latencies : [];
  return { p50: list[Math.floor(list.length * 0.5)], p99: list[Math.floor(list.length * 0.99)], max: list.at(-1) };
}

async function benchAck(): Promise<void> {
  const db = await createTestDatabase("wewall_bench");
  // The core accepts and answers nothing: the measure is the webhook's own path.
  const peer = await startPeers(false);
  // Telegram's own limits, as in production (the test harness raises them to keep tests fast): they also bound the
  // typing indicators the service sends while the core works.
  const harness = await startHarness({
    db,
    apiRoot: peer.apiRoot,
    coreUrl: peer.coreUrl,
    env: { TELEGRAM_RATE_GLOBAL: "30", TELEGRAM_RATE_CHAT: "1" },
  });
  try {
    const base = { type: "drive", url: harness.url, chats: 2_000, firstChat: 1 } as const;
    const closedLoop = { shape: { connections: CONNECTIONS } };
    await peer.driver.ask({ ...base, ...closedLoop, count: 1_000, firstUpdateId: 900_000 });
    await peer.fakes.ask({ type: "wait", coreMessages: 1_000, replies: 0 });
    const result = await peer.driver.ask({ ...base, ...closedLoop, count: ACK_UPDATES, firstUpdateId: 1_000_000 });
    const seconds = Number(result.seconds);
    const { p50, p99, max } = summarize(result.latencies);
    console.log(
      `webhook → ack: ${ACK_UPDATES} updates, ${CONNECTIONS} connections, ${seconds.toFixed(2)} s = ` +
        `${Math.round(ACK_UPDATES / seconds)} updates/s; ack p50 ${ms(p50)} ms, p99 ${ms(p99)} ms, max ${ms(max)} ms`,
    );
    const drained = await peer.fakes.ask({ type: "wait", coreMessages: ACK_UPDATES + 1_000, replies: 0 });
    console.log(`  every update then reached the core ${Number(drained.seconds).toFixed(2)} s after the last ack`);
    for (const [i, rate] of PACED_RATES.entries()) {
      const paced = await peer.driver.ask({
        ...base,
        count: rate * 5,
        firstUpdateId: 1_500_000 + i * 100_000,
        shape: { ratePerSecond: rate },
      });
      const pacedLatency = summarize(paced.latencies);
      console.log(
        `  paced at ${rate} updates/s for 5 s: ack p50 ${ms(pacedLatency.p50)} ms, p99 ${ms(pacedLatency.p99)} ms, ` +
          `max ${ms(pacedLatency.max)} ms`,
      );
    }
  } finally {
    await harness.close();
    await peer.close();
    await db.close();
  }
}

async function benchEndToEnd(): Promise<void> {
  const db = await createTestDatabase("wewall_bench");
  const peer = await startPeers(true);
  // Telegram's 30/s is lifted: the fake has no limits and the figure is the pipeline's own capacity.
  const harness = await startHarness({
    db,
    apiRoot: peer.apiRoot,
    coreUrl: peer.coreUrl,
    env: { TELEGRAM_RATE_GLOBAL: "10000" },
  });
  await peer.fakes.ask({ type: "connector", url: `${harness.url}/v1/deliveries` });
  try {
    const started = performance.now();
    const driven = await peer.driver.ask({
      type: "drive",
      url: harness.url,
      count: E2E_CHATS,
      firstUpdateId: 2_000_000,
      chats: E2E_CHATS,
      firstChat: 100_000,
      shape: { connections: CONNECTIONS },
    });
    await peer.fakes.ask({ type: "wait", coreMessages: E2E_CHATS, replies: E2E_CHATS });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `update → reply recorded by fake Telegram: ${E2E_CHATS} chats in ${seconds.toFixed(2)} s = ` +
        `${Math.round(E2E_CHATS / seconds)} replies/s (acks took ${Number(driven.seconds).toFixed(2)} s; ` +
        `fake core echoes at once; send limit lifted to 10 000/s)`,
    );
  } finally {
    await harness.close();
    await peer.close();
    await db.close();
  }
}

export default async function bench(): Promise<void> {
  await benchAck();
  await benchEndToEnd();
}
