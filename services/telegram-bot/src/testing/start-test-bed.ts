// The usual integration set-up: a fresh database, fake Telegram, fake core, and the service wired between them.
import type { Database } from "@wewall/shared";
import { createTestDatabase, startFakeCore, type FakeCore, TEST_SERVICE_ENV } from "@wewall/test-support";
import { startFakeTelegram, type FakeTelegram } from "./fake-telegram.js";
import { startHarness, type Harness } from "./harness.js";

export interface TestBed {
  db: Database;
  telegram: FakeTelegram;
  core: FakeCore;
  harness: Harness;
  close(): Promise<void>;
}

export async function startTestBed(
  options: { db?: Database; webhook?: boolean; env?: Record<string, string>; connectCore?: boolean } = {},
): Promise<TestBed> {
  const db = options.db ?? (await createTestDatabase());
  const telegram = await startFakeTelegram();
  const core = await startFakeCore({ token: TEST_SERVICE_ENV.TELEGRAM_SERVICE_TOKEN });
  const harness = await startHarness({
    db,
    apiRoot: telegram.apiRoot,
    coreUrl: core.url,
    ...(options.webhook === undefined ? {} : { webhook: options.webhook }),
    ...(options.env ? { env: options.env } : {}),
  });
  if (options.connectCore !== false) core.setConnector(`${harness.url}/v1/deliveries`);
  return {
    db,
    telegram,
    core,
    harness,
    async close() {
      await harness.close();
      await core.close();
      await telegram.close();
      if (!options.db) await db.close();
    },
  };
}
