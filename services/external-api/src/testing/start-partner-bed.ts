// The real core (spawned) on real PostgreSQL, loopback tools and a partner's callback server, for integration tests.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createLogger, createMetrics } from "@wewall/shared";
import {
  closeServer,
  createTestDatabase,
  listenOnLoopback,
  readBody,
  spawnCore,
  TEST_SERVICE_ENV,
  type SpawnedCore,
  type TestDatabase,
  SAMPLE_VALUATION,
  sampleListings,
} from "@wewall/test-support";
import { loadConfig } from "../config.js";
import { startService, type ExternalApiService } from "../service.js";

export interface RecordedCall {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback server that records every call and answers with the status `answer` gives. */
async function startRecorder(answer: (call: RecordedCall) => { status: number; body: unknown }) {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const call = { url: request.url ?? "", headers: request.headers, body };
      calls.push(call);
      const { status, body: out } = answer(call);
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(out));
    });
  });
  const url = await listenOnLoopback(server);
  return { url, calls, close: () => closeServer(server) };
}

export type PartnerBed = Awaited<ReturnType<typeof startPartnerBed>>;

export async function startPartnerBed() {
  const db: TestDatabase = await createTestDatabase("wewall_partner");
  const tools = await startRecorder((call) => ({
    status: 200,
    body:
      call.url === "/v1/valuations"
        ? SAMPLE_VALUATION
        : call.url === "/v1/search"
          ? sampleListings(0, 3)
          : { ok: true },
  }));
  const callback = { failures: 0 };
  const partner = await startRecorder(() => {
    if (callback.failures === 0) return { status: 200, body: { ok: true } };
    callback.failures -= 1;
    return { status: 500, body: { error: "down" } };
  });
  const core: SpawnedCore = await spawnCore({
    databaseUrl: db.url,
    channelUrls: `partner=${tools.url}/deliveries`,
    env: { CALCULATOR_URL: tools.url, SEARCH_URL: tools.url },
  });
  const started: ExternalApiService[] = [];
  return {
    db,
    core,
    tools,
    partner,
    callback,
    async startApi(env: Record<string, string> = {}) {
      const config = loadConfig({
        ...TEST_SERVICE_ENV,
        DATABASE_URL: db.url,
        CORE_URL: core.url,
        CALCULATOR_URL: tools.url,
        SEARCH_URL: tools.url,
        EXTERNAL_API_PORT: "0",
        ...env,
      });
      const service = await startService({
        config,
        db,
        logger: createLogger("external-api-test", "warn"),
        metrics: createMetrics("external-api"),
        listen: false,
        background: false,
      });
      started.push(service);
      return service;
    },
    async close() {
      for (const service of started) await service.close();
      await core.stop();
      await Promise.all([tools.close(), partner.close()]);
      await db.close();
    },
  };
}
