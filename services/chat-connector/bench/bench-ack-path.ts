// Bench: the webhook acknowledge path alone (HTTP app over the real database, no workers behind it), three ways of
// storing side by side and an empty server as the floor, in interleaved runs so that load from elsewhere on the
// machine falls on all of them alike.
import { createLogger, runMigrations, type GroupCommitOptions } from "@wewall/shared";
import { closeServer, createTestDatabase, listenOnLoopback, testPlatform } from "@wewall/test-support";
import { createServer } from "node:http";
import { createApp } from "../src/app.js";
import { migrations } from "../src/migrations.js";
import { createDialogStore, newDialogLink } from "../src/store/create-dialog-store.js";
import { createInbox } from "../src/store/create-inbox.js";
import { CHANNEL, webhookUrl } from "../src/testing/start-harness.js";
import { latencyLine, ms, percentile, type BenchPeer } from "./start-bench-peer.js";

const DIALOGS = 20;
const ROUNDS = 4;
const PER_ROUND = 500;

const variants: Array<{ label: string; durableAck: boolean; groupCommit?: GroupCommitOptions }> = [
  { label: "group commit, durable (the default)", durableAck: true },
  // As the store worked before group commit: every webhook its own statement and commit.
  { label: "one commit per webhook, durable (before)", durableAck: true, groupCommit: { maxInFlight: Infinity } },
  { label: "group commit, AMOCRM_WEBHOOK_DURABLE_ACK=off", durableAck: false },
];

async function seedDialogs(pool: import("pg").Pool): Promise<Record<string, string>> {
  const dialogs = createDialogStore(pool);
  const chats: Record<string, string> = {};
  for (let d = 1; d <= DIALOGS; d++) {
    const dialogId = `telegram:${d}`;
    chats[dialogId] = `chat-${d}`;
    await dialogs.save(newDialogLink(dialogId));
  }
  return chats;
}

interface Target {
  label: string;
  url: string;
  // Request received → response sent, measured inside the server.
  serverSide: number[];
  stores: boolean;
  close(): Promise<void>;
}

async function connectorTarget(pool: import("pg").Pool, variant: (typeof variants)[number]): Promise<Target> {
  const inbox = createInbox(pool, {
    durableAck: variant.durableAck,
    ...(variant.groupCommit ? { groupCommit: variant.groupCommit } : {}),
  });
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
    readiness: async () => ({ ready: true }),
    ...testPlatform(),
  });
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
  const url = `${webhookUrl({ app, close: async () => undefined })}/amocrm/chats/scope-1`;
  return { label: variant.label, url, serverSide, stores: true, close: () => app.close() };
}

// What the load generator and the machine cost alone: the same requests to a server that only reads and answers.
async function floorTarget(): Promise<Target> {
  const serverSide: number[] = [];
  const server = createServer((request, response) => {
    const t0 = performance.now();
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      serverSide.push(performance.now() - t0);
    });
  });
  const base = await listenOnLoopback(server);
  return {
    label: "floor: empty node:http server",
    url: `${base}/x`,
    serverSide,
    stores: false,
    close: () => closeServer(server),
  };
}

export async function benchAckPath(peer: BenchPeer): Promise<void> {
  const db = await createTestDatabase("chatconn_bench_ack");
  await runMigrations(db.pool, "chat-connector", migrations);
  const chats = await seedDialogs(db.pool);
  const targets = [...(await Promise.all(variants.map((v) => connectorTarget(db.pool, v)))), await floorTarget()];
  let offset = 0;
  const load = (url: string, count: number, concurrency: number) => {
    offset += 100_000;
    return peer.load({
      type: "load",
      url,
      secret: CHANNEL.channelSecret,
      chats,
      count,
      offset,
      shape: { connections: concurrency },
    });
  };
  // Rows stored by one transaction share its xmin: commits per webhook, counted exactly.
  const commitsPerWebhook = async (from: number, to: number) => {
    const { rows } = await db.pool.query<{ rows: number; commits: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT xmin::text)::int AS commits FROM amo_inbox
        WHERE substring(dedup_key FROM 7)::bigint >= $1 AND substring(dedup_key FROM 7)::bigint < $2`,
      [from, to],
    );
    return (rows[0]?.commits ?? 0) / Math.max(1, rows[0]?.rows ?? 0);
  };
  try {
    for (const t of targets) await load(t.url, 300, 1);
    console.log(
      `webhook ack, acknowledge path alone (verify signature on raw bytes, parse, store, 200); ${ROUNDS} interleaved rounds of ${PER_ROUND} per target:`,
    );
    for (const concurrency of [1, 8]) {
      const runs = targets.map(() => ({ latencies: [] as number[], failures: 0, busyMs: 0, commits: 0 }));
      for (const t of targets) t.serverSide.length = 0;
      for (let round = 0; round < ROUNDS; round++)
        // Each round starts with another target, so none always runs right after the same neighbour.
        for (let k = 0; k < targets.length; k++) {
          const i = (round + k) % targets.length;
          const t = targets[i];
          if (!t) continue;
          const answer = await load(t.url, PER_ROUND, concurrency);
          const run = runs[i];
          if (!run) continue;
          run.latencies.push(...answer.latencies);
          run.failures += answer.failures;
          run.busyMs += answer.busyMs;
          if (t.stores) run.commits += (await commitsPerWebhook(offset, offset + PER_ROUND)) / ROUNDS;
        }
      for (const [i, t] of targets.entries()) {
        const run = runs[i];
        if (!run) continue;
        const inside = [...t.serverSide].sort((x, y) => x - y);
        const commits = t.stores ? `; ${run.commits.toFixed(2)} commits per webhook` : "";
        console.log(
          `  ${concurrency} connection(s), ${t.label}: ${latencyLine(run.latencies)} (${run.latencies.length} requests, non-200 ${run.failures})`,
        );
        console.log(
          `    in the server (received → sent) p50 ${ms(percentile(inside, 50))}, p99 ${ms(percentile(inside, 99))}${commits}; load generator busy ${ms(run.busyMs / run.latencies.length)} per request`,
        );
      }
    }
  } finally {
    for (const t of targets) await t.close();
    await db.close();
  }
}
