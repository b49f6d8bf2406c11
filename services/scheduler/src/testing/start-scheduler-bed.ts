// The real core (spawned) with loopback tools and channel, and schedulers on one fake clock, for integration tests.
import { createServer, type Server } from "node:http";
import { createLogger, createMetrics, turnRepliesSchema, type CoreClient, type Reply } from "@wewall/shared";
import {
  asAdmin,
  closeServer,
  createTestDatabase,
  listenOnLoopback,
  spawnCore,
  TEST_SERVICE_ENV,
  type SpawnedCore,
  type TestDatabase,
  SAMPLE_VALUATION,
  sampleListings,
} from "@wewall/test-support";
import { loadConfig } from "../config.js";
import { startService, type SchedulerService } from "../service.js";

// Answers the calculator's and the search's calls, and acknowledges every reply the core pushes to the channel.
async function startLoopbackPeers(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const body =
        request.url === "/v1/valuations"
          ? SAMPLE_VALUATION
          : request.url === "/v1/search"
            ? sampleListings(0, 3)
            : { ok: true };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  const url = await listenOnLoopback(server);
  return { url, close: () => closeServer(server) };
}

export interface SchedulerBed {
  db: TestDatabase;
  core: SpawnedCore;
  clock: { now: Date; advance(ms: number): void };
  /** A client's message, answered by the core's turn. */
  say(dialogId: string, text: string, button?: string): Promise<Reply[]>;
  /** A call to the core as an operator (handoff, release, blocked, erase). */
  call(method: "POST" | "DELETE", path: string, body?: unknown): Promise<number>;
  startScheduler(options?: { core?: CoreClient; env?: Record<string, string> }): Promise<SchedulerService>;
  close(): Promise<void>;
}

let counter = 0;

export async function startSchedulerBed(): Promise<SchedulerBed> {
  const db = await createTestDatabase("wewall_scheduler");
  const peers = await startLoopbackPeers();
  const core = await spawnCore({
    databaseUrl: db.url,
    channelUrls: `test=${peers.url}/deliveries`,
    env: { CALCULATOR_URL: peers.url, SEARCH_URL: peers.url },
  });
  // Tuesday 2025-03-04, 12:00 in Moscow.
  const clock = {
    now: new Date("2025-03-04T09:00:00Z"),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const started: SchedulerService[] = [];
  const request = (method: "POST" | "DELETE", path: string, body?: unknown) =>
    fetch(`${core.url}${path}`, {
      method,
      headers: { ...asAdmin, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    db,
    core,
    clock,
    async say(dialogId, text, button) {
      counter += 1;
      const path = `/v1/dialogs/${dialogId}/messages?wait=true`;
      const response = await request("POST", path, { messageId: `m${counter}`, text, ...(button ? { button } : {}) });
      if (response.status !== 200) throw new Error(`say answered ${response.status}: ${await response.text()}`);
      return turnRepliesSchema.parse(await response.json()).replies;
    },
    async call(method, path, body) {
      return (await request(method, path, body ?? (method === "POST" ? {} : undefined))).status;
    },
    async startScheduler(options = {}) {
      const config = loadConfig({
        ...TEST_SERVICE_ENV,
        DATABASE_URL: db.url,
        CORE_URL: core.url,
        SCHEDULER_PORT: "0",
        ...options.env,
      });
      const service = await startService({
        config,
        db,
        logger: createLogger("scheduler-test", "warn"),
        metrics: createMetrics("scheduler"),
        now: () => clock.now,
        listen: false,
        background: false,
        ...(options.core ? { core: options.core } : {}),
      });
      started.push(service);
      return service;
    },
    async close() {
      for (const service of started) await service.close();
      await core.stop();
      await peers.close();
      await db.close();
    },
  };
}
