// Integration harness: a fresh database, a fake amoCRM, a fake (or given) core, and the service wired to them.
import { createLogger, type Database, type Logger } from "@wewall/shared";
import { createTestDatabase, TEST_SERVICE_ENV, testTokens, startFakeCore, type FakeCore } from "@wewall/test-support";
import type { Config } from "../config.js";
import { startService, type RunningService } from "../service.js";
import { startFakeAmoCrm, type FakeAmoCrm, type FakeAmoCrmOptions } from "./fake-amocrm.js";

export const CHANNEL = {
  channelId: "f90ba33d-c9d9-44da-b76c-c349b0ecbe41",
  channelSecret: "5a44c5dff55f3c15a4cce8d7c4cc27e207c7e189",
};
export const BOT_ID = "bot-ref-1";
export const LONG_LIVED = "long-lived-token";

export function testConfig(amo: Pick<FakeAmoCrm, "url">, coreUrl: string, overrides: Partial<Config> = {}): Config {
  return {
    amocrmBaseUrl: amo.url,
    amojoBaseUrl: amo.url,
    ...CHANNEL,
    channelTitle: "WeWall",
    botId: BOT_ID,
    botName: "WeWall AI",
    accountId: undefined,
    auth: { kind: "long-lived", token: LONG_LIVED },
    pipelineId: 77,
    stageMap: { greeting: 11, slots: 12, confirm: 13, results: 14, contact: 15, handoff: 16 },
    leadFields: { rooms: 501, metro: 502 },
    closingStatuses: [142, 143],
    rateLimitPerSecond: 7,
    webhookSecret: undefined,
    webhookDurableAck: true,
    llm: null,
    port: 0,
    host: "127.0.0.1",
    coreUrl,
    databaseUrl: undefined,
    dataDir: "data",
    logLevel: "warn",
    shutdownTimeoutMs: 10_000,
    databaseTimeouts: { connectMs: 3_000, statementMs: 10_000 },
    tokens: { ...testTokens, "chat-connector": TEST_SERVICE_ENV.CHAT_CONNECTOR_SERVICE_TOKEN },
    ...overrides,
  };
}

export interface Harness {
  db: Database;
  amo: FakeAmoCrm;
  core: FakeCore;
  config: Config;
  logger: Logger;
  service: RunningService;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { amo?: Partial<FakeAmoCrmOptions>; config?: Partial<Config>; coreUrl?: string; db?: Database } = {},
): Promise<Harness> {
  const db = options.db ?? (await createTestDatabase("chatconn"));
  const amo = await startFakeAmoCrm({ ...CHANNEL, longLivedToken: LONG_LIVED, ...options.amo });
  const core = await startFakeCore({ token: TEST_SERVICE_ENV.CHAT_CONNECTOR_SERVICE_TOKEN });
  const config = testConfig(amo, options.coreUrl ?? core.url, options.config);
  const logger = createLogger("chat-connector-test", "silent");
  const tuning = { backoff: { baseMs: 50, maxMs: 400 }, eventWaitMs: 1000 };
  const harness: Harness = {
    db,
    amo,
    core,
    config,
    logger,
    service: await startService({ config, db, logger, tuning }),
    async restart() {
      await harness.service.close();
      harness.service = await startService({ config, db, logger, tuning });
    },
    async close() {
      await harness.service.close();
      await core.close();
      await amo.close();
      await db.close();
    },
  };
  return harness;
}

export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function webhookUrl(service: RunningService): string {
  const address = service.app.server.address();
  if (address === null || typeof address === "string") throw new Error("not listening");
  return `http://127.0.0.1:${address.port}`;
}
