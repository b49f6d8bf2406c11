// `npm run bench -- chat-connector`: mirror throughput under amoCRM's 7 req/s, and webhook acknowledge latency.
import { once } from "node:events";
import { createLogger } from "@wewall/shared";
import { createTestDatabase, startTypeScriptWorker } from "@wewall/shared/testing";
import { z } from "zod";
import { runMigrations } from "@wewall/shared";
import { createApp } from "./src/app.js";
import { migrations } from "./src/migrations.js";
import { startService } from "./src/service.js";
import { createDialogStore } from "./src/store/create-dialog-store.js";
import { createInbox } from "./src/store/create-inbox.js";
import type { BenchCommand } from "./src/testing/bench-peer.js";
import { CHANNEL, startHarness, testConfig, until, webhookUrl } from "./src/testing/start-harness.js";

const DIALOGS = 20;
const CLIENT_MESSAGES = 3;
const WEBHOOKS = 2000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (value: number) => `${value.toFixed(2)} ms`;
const count = async (pool: import("pg").Pool, sql: string) =>
  z.object({ n: z.number() }).parse((await pool.query(sql)).rows[0]).n;

async function benchMirror(): Promise<void> {
  const h = await startHarness();
  try {
    // Channel connected first, so the figures below are dialog traffic only.
    h.core.clientSays("telegram:0", "warm", "старт");
    await until(() => h.amo.messagesOf("telegram:0").length === 1, "warm-up", 30_000);
    await until(
      async () => (await count(h.db.pool, "SELECT count(*)::int AS n FROM amo_outbox WHERE state = 'pending'")) === 0,
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
        (await count(h.db.pool, "SELECT count(*)::int AS n FROM amo_outbox WHERE state = 'pending'")) === 0,
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

async function startPeer() {
  const worker = startTypeScriptWorker(new URL("./src/testing/bench-peer.ts", import.meta.url));
  const next = async () => {
    const [message]: unknown[] = await once(worker, "message");
    return z.record(z.string(), z.unknown()).parse(message);
  };
  const ready = await next();
  return {
    coreUrl: String(ready.coreUrl),
    amoUrl: String(ready.amoUrl),
    scopeId: String(ready.scopeId),
    async ask(command: BenchCommand) {
      worker.postMessage(command);
      const answer = await next();
      if (answer.type === "error") throw new Error(String(answer.message));
      return answer;
    },
    async close() {
      worker.postMessage({ type: "close" });
      await next();
      await worker.terminate();
    },
  };
}

const report = (label: string, answer: Record<string, unknown>) => {
  const sorted = z.array(z.number()).parse(answer.latencies);
  console.log(
    `  ${label}: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? 0)} (${sorted.length} webhooks, non-200 ${String(answer.failures)})`,
  );
};

// The acknowledge path alone: the HTTP app over the real database, no workers behind it.
async function benchAckAlone(peer: Awaited<ReturnType<typeof startPeer>>): Promise<void> {
  const db = await createTestDatabase("chatconn_bench_ack");
  await runMigrations(db.pool, "chat-connector", migrations);
  const dialogs = createDialogStore(db.pool);
  const chats: Record<string, string> = {};
  for (let d = 1; d <= DIALOGS; d++) {
    const dialogId = `telegram:${d}`;
    chats[dialogId] = `chat-${d}`;
    await dialogs.save({
      dialogId,
      clientUserId: dialogId,
      clientName: undefined,
      phone: undefined,
      amojoChatId: undefined,
      contactId: undefined,
      leadId: undefined,
      stage: undefined,
      owner: "bot",
      slots: {},
      clientMessages: 0,
      botMessages: 0,
    });
  }
  for (const durableAck of [true, false]) {
    const inbox = createInbox(db.pool, { durableAck });
    const app = await createApp({
      logger: createLogger("chat-connector-bench", "silent"),
      chat: {
        channelSecret: CHANNEL.channelSecret,
        currentScope: () => "scope-1",
        reloadScope: async () => "scope-1",
        inbox,
        onStored: () => undefined,
      },
      account: { closingStatuses: [142, 143], webhookSecret: undefined, inbox, onStored: () => undefined },
      health: async () => ({}),
    });
    // Server-side time, request received → response sent: the service's own share of the latency.
    const serverSide: number[] = [];
    const startedAt = new WeakMap<object, number>();
    app.addHook("onRequest", async (request) => {
      startedAt.set(request, performance.now());
    });
    app.addHook("onResponse", async (request) => {
      const t0 = startedAt.get(request);
      if (t0 !== undefined) serverSide.push(performance.now() - t0);
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    try {
      const url = `${webhookUrl({ app, close: async () => undefined })}/amocrm/chats/scope-1`;
      await peer.ask({
        type: "load",
        url,
        secret: CHANNEL.channelSecret,
        chats,
        count: 300,
        concurrency: 1,
        offset: durableAck ? 9_000_000 : 8_000_000,
      });
      console.log(
        `webhook ack, acknowledge path alone (verify signature on raw bytes, parse, store in one round trip, 200), AMOCRM_WEBHOOK_DURABLE_ACK=${durableAck ? "on" : "off"}:`,
      );
      for (const concurrency of [1, 8]) {
        serverSide.length = 0;
        report(
          `${concurrency} connection(s)`,
          await peer.ask({
            type: "load",
            url,
            secret: CHANNEL.channelSecret,
            chats,
            count: WEBHOOKS,
            concurrency,
            offset: (durableAck ? 10_000_000 : 20_000_000) + concurrency * WEBHOOKS,
          }),
        );
        const sorted = [...serverSide].sort((a, b) => a - b);
        console.log(
          `    of which inside the service (received → sent): p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`,
        );
      }
    } finally {
      await app.close();
    }
  }
  await db.close();
}

async function benchWebhooks(peer: Awaited<ReturnType<typeof startPeer>>): Promise<void> {
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
    await peer.ask({
      type: "load",
      url,
      secret: CHANNEL.channelSecret,
      chats,
      count: 300,
      concurrency: 1,
      offset: 1_000_000,
    });
    console.log(
      "webhook ack, whole service, durable, amoCRM paced at 7 req/s (each manager message then handed to the core and its events mirrored back to amoCRM, on the service thread):",
    );
    for (const concurrency of [1, 8])
      report(
        `${concurrency} connection(s)`,
        await peer.ask({
          type: "load",
          url,
          secret: CHANNEL.channelSecret,
          chats,
          count: WEBHOOKS,
          concurrency,
          offset: concurrency * WEBHOOKS,
        }),
      );
    const handed = await count(db.pool, "SELECT count(*)::int AS n FROM amo_inbox WHERE state = 'done'");
    console.log(`  handed to the core by the end of the run: ${handed} of ${WEBHOOKS * 2 + 300}`);
  } finally {
    await service.close();
    await db.close();
  }
}

export default async function bench(): Promise<void> {
  const peer = await startPeer();
  try {
    await benchAckAlone(peer);
    await benchWebhooks(peer);
  } finally {
    await peer.close();
  }
  await benchMirror();
}
