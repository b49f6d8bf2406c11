// The calculator and analog-search services the bench's turns call, in their own thread as in production they are
// their own processes: the core's main-thread figures are then the core's alone. Posts both addresses to the parent
// and closes when told to.
import { parentPort, workerData } from "node:worker_threads";
import { loadConfig as loadSearchConfig } from "@wewall/analog-search/config";
import { startService as startSearch } from "@wewall/analog-search/service";
import { loadConfig as loadCalculatorConfig } from "@wewall/calculator/config";
import { startService as startCalculator } from "@wewall/calculator/service";
import { createLogger, openDatabase } from "@wewall/shared";
import { portOf, TEST_SERVICE_ENV } from "@wewall/test-support";
import { z } from "zod";

const { databaseUrl, sharedDataDir } = z
  .object({ databaseUrl: z.string(), sharedDataDir: z.string() })
  .parse(workerData);
const logger = createLogger("bench-tools", "error");
const db = await openDatabase({ databaseUrl, dataDir: "unused" });
const env = {
  HOST: "127.0.0.1",
  CALCULATOR_PORT: "0",
  SEARCH_PORT: "0",
  SHARED_DATA_DIR: sharedDataDir,
  LOG_LEVEL: "error",
  ...TEST_SERVICE_ENV,
};
const calculator = await startCalculator({ config: loadCalculatorConfig(env), db, logger });
const search = await startSearch({ config: loadSearchConfig(env), db, logger });

parentPort?.postMessage({
  calculatorUrl: `http://127.0.0.1:${portOf(calculator.app.server.address())}`,
  searchUrl: `http://127.0.0.1:${portOf(search.app.server.address())}`,
});
parentPort?.once("message", () => {
  void (async () => {
    await search.close();
    await calculator.close();
    await db.close();
    parentPort?.postMessage("closed");
  })();
});
