// Starts the core against a fresh PostgreSQL database and loopback fake tools, for integration tests.
import { createLogger, type Database, type Reply } from "@wewall/shared";
import { asAdmin, createTestDatabase, TEST_SERVICE_ENV } from "@wewall/test-support";
import { loadConfig, type CoreConfig } from "../config.js";
import { startService, type CoreService, type CoreServiceDeps } from "../service.js";
import { startFakeToolsServer, type FakeToolsServer } from "./fake-tools-server.js";

export interface TestCore {
  db: Database;
  tools: FakeToolsServer;
  service: CoreService;
  config: CoreConfig;
  say(dialogId: string, text: string, extra?: Record<string, unknown>): Promise<Reply[]>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;

/** Extra service options (an LLM observer, say). */
export type TestCoreOptions = Pick<CoreServiceDeps, "llmObserve" | "interpreter">;

export async function startTestCore(
  env: Record<string, string> = {},
  database?: Database,
  options: TestCoreOptions = {},
): Promise<TestCore> {
  const db = database ?? (await createTestDatabase("wewall_core"));
  const tools = await startFakeToolsServer();
  const config = loadConfig({
    BURST_WINDOW_MS: "0",
    CALCULATOR_URL: tools.url,
    SEARCH_URL: tools.url,
    TOOL_TIMEOUT_MS: "500",
    SHARED_DATA_DIR: new URL("../../../shared/data", import.meta.url).pathname,
    ...TEST_SERVICE_ENV,
    ...env,
  });
  const logger = createLogger("core-test", "warn");
  const core: TestCore = {
    db,
    tools,
    config,
    service: await startService({ config, db, logger, listen: false, ...options }),
    async say(dialogId, text, extra = {}) {
      counter += 1;
      const response = await core.service.app.inject({
        headers: asAdmin,
        method: "POST",
        url: `/v1/dialogs/${dialogId}/messages?wait=true`,
        payload: { messageId: `m${Date.now()}-${counter}`, text, ...extra },
      });
      if (response.statusCode !== 200) throw new Error(`say answered ${response.statusCode}: ${response.body}`);
      const body: { replies: Reply[] } = response.json();
      return body.replies;
    },
    async restart() {
      await core.service.close();
      core.service = await startService({ config, db, logger, listen: false, ...options });
    },
    async close() {
      await core.service.close();
      await tools.close();
      if (!database) await db.close();
    },
  };
  return core;
}
