// `npm run bench -- chat-connector`: webhook acknowledge latency (the path alone, then the whole service), and mirror
// throughput under amoCRM's 7 req/s.
import { createLogger } from "@wewall/shared";
import { createTestDatabase, type LoadShape } from "@wewall/test-support";
import { z } from "zod";
import { startService } from "./src/service.js";
import { benchAckPath } from "./bench/bench-ack-path.js";
import { CHANNEL, startHarness, testConfig, until, webhookUrl } from "./src/testing/start-harness.js";
import { latencyLine, startBenchPeer, type BenchPeer } from "./bench/start-bench-peer.js";

const DIALOGS = 20;
const CLIENT_MESSAGES = 3;
const WEBHOOKS = 2000;

const count = async (pool: import("pg").Pool, sql: string) =>
  z.object({ n: z.number() }).parse((await pool.query(sql)).rows[0]).n;

async function benchMirror(): Promise<void> {
  const h = await startHarness();
  try {
    // Channel connected first, so the figures below are dialog traffic only.
    h.core.clientSays("telegram:0", "warm", "старт");
    await until(() => h.amo.messagesOf("telegram:0").length === 1, "warm-up", 30_000);
    await until(
      async () => (await count(h.db.pool, "SELECT count(*)::int AS n FROM amo_outbox WHERE status = 'pending'")) === 0,
      "idle",
      30_000,
    );
    const rowsBefore = await count(h.db.pool, "SELECT count(*)::int AS n FROM amo_outbox");
    const firstCall = h.amo.calls.length;
    const started = performance.now();
    for (let d = 1; d <= DIALOGS; d++) {
      const dialog = `telegram:${d}`;
      for (let m = 1; m <= CLIENT_MESSAGES; m++) {
        h.core.clientSays(dialog, `m${m}`, `клиент ${m}`);
        h.core.botSays(dialog, `бот ${m}`);
      }
      h.core.emit(dialog, "slots.changed", { slots: { rooms: 2, metro: "Сокол" }, changed: ["rooms", "metro"] });
      h.core.emit(dialog, "stage.changed", { from: "greeting", to: "slots" });
    }
    const events = DIALOGS * (CLIENT_MESSAGES * 2 + 2);
    const messages = DIALOGS * CLIENT_MESSAGES * 2;
    await until(
      async () =>
        h.amo.state.messages.size === messages + 1 &&
        (await count(h.db.pool, "SELECT count(*)::int AS n FROM amo_outbox WHERE status = 'pending'")) === 0,
      "mirror drained",
      110_000,
    );
    const seconds = (performance.now() - started) / 1000;
    const calls = h.amo.calls.slice(firstCall).filter((c) => c.api !== "oauth");
    const operations = DIALOGS * (1 + 1 + 1 + 1 + CLIENT_MESSAGES * 2 + 2); // chat, contact, lead, link, messages, 2 lead updates
    const rows = (await count(h.db.pool, "SELECT count(*)::int AS n FROM amo_outbox")) - rowsBefore;
    const times = calls.map((c) => c.at);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    console.log(
      `mirror: ${DIALOGS} new dialogs, ${events} events (${messages} messages, ${DIALOGS} slot and ${DIALOGS} stage changes)`,
    );
    console.log(
      `  drained in ${seconds.toFixed(1)} s: ${(events / seconds).toFixed(2)} events/s, ${(messages / seconds).toFixed(2)} messages/s`,
    );
    console.log(
      `  ${operations} amoCRM operations → ${rows} outbox rows (adjacent lead updates folded) → ${calls.length} requests (lead updates and chat links batched across dialogs)`,
    );
    console.log(
      `  request rate ${(calls.length / seconds).toFixed(2)}/s, busiest second ${busiest} requests, 429 answers ${calls.filter((c) => c.status === 429).length}`,
    );
  } finally {
    await h.close();
  }
}

async function benchWebhooks(peer: BenchPeer): Promise<void> {
  const db = await createTestDatabase("chatconn_bench");
  // Fake core and fake amoCRM live in the peer's thread: the main thread runs only the service, as in production.
  const service = await startService({
    config: testConfig({ url: peer.amoUrl }, peer.coreUrl),
    db,
    logger: createLogger("chat-connector-bench", "silent"),
    tuning: { backoff: { baseMs: 50, maxMs: 400 }, eventWaitMs: 1000 },
  });
  try {
    await peer.ask({ type: "dialogs", count: DIALOGS });
    const chatsOf = async () => z.record(z.string(), z.string()).parse((await peer.ask({ type: "chats" })).chats);
    await until(async () => Object.keys(await chatsOf()).length === DIALOGS, "dialogs mirrored", 60_000);
    const chats = await chatsOf();
    const url = `${webhookUrl(service)}/amocrm/chats/${peer.scopeId}`;
    await peer.load({
      type: "load",
      url,
      secret: CHANNEL.channelSecret,
      chats,
      count: 300,
      shape: { connections: 1 },
      offset: 1_000_000,
    });
    console.log(
      "webhook ack, whole service, durable, amoCRM paced at 7 req/s (each manager message then handed to the core and its events mirrored back to amoCRM, on the service thread):",
    );
    const measure = async (label: string, count: number, offset: number, shape: LoadShape) => {
      const answer = await peer.load({ type: "load", url, secret: CHANNEL.channelSecret, chats, count, offset, shape });
      console.log(
        `  ${label}: ${latencyLine(answer.latencies)} (${answer.latencies.length} webhooks, non-200 ${answer.failures})`,
      );
    };
    for (const concurrency of [1, 8])
      await measure(`${concurrency} connection(s)`, WEBHOOKS, concurrency * WEBHOOKS, { connections: concurrency });
    // amoCRM sends a webhook per manager message: even a large agency's managers make a few per second. Measured
    // once the closed-loop runs' backlog is handed to the core, so that the service does only this load's work.
    const handedCount = () => count(db.pool, "SELECT count(*)::int AS n FROM amo_inbox WHERE status = 'done'");
    await until(async () => (await handedCount()) === WEBHOOKS * 2 + 300, "the backlog handed to the core", 120_000);
    for (const ratePerSecond of [50, 200])
      await measure(`paced at ${ratePerSecond}/s for 5 s`, ratePerSecond * 5, 10 * WEBHOOKS + ratePerSecond, {
        ratePerSecond,
      });
    const handed = await handedCount();
    console.log(`  handed to the core by the end of the run: ${handed} of ${WEBHOOKS * 2 + 300 + 250 + 1000}`);
  } finally {
    await service.close();
    await db.close();
  }
}

export default async function bench(): Promise<void> {
  const peer = await startBenchPeer();
  try {
    await benchAckPath(peer);
    await benchWebhooks(peer);
  } finally {
    await peer.close();
  }
  await benchMirror();
}
