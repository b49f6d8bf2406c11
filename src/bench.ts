// `npm run bench -- core`: full turns through the HTTP API against real PostgreSQL, ours versus a stock LangGraph deployment.
import { once } from "node:events";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { createLogger } from "@wewall/shared";
import { createTestDatabase, portOf, startTypeScriptWorker, TEST_SERVICE_ENV } from "@wewall/test-support";
import { bytesPerDialog, CHECKPOINT_TABLES } from "./bench/bytes-per-dialog.js";
import { formatFigures, measureTurns } from "./bench/measure-turns.js";
import { measureGraphCpu } from "./bench/measure-graph-cpu.js";
import { startCpuMeter, type CpuSpent } from "./bench/cpu-meter.js";
import { buildStockGraphApp } from "./bench/stock-graph-app.js";
import { loadConfig } from "./config.js";
import { skipUntracedRunTrees } from "./graph/skip-untraced-run-trees.js";
import { createHttpTools } from "./graph/tools/http-tools.js";
import { createRuleInterpreter } from "./nlu/rule-interpreter.js";
import { loadMetroStations } from "./nlu/metro-stations.js";
import { parseSlots } from "@wewall/ru-numbers";
import { startService } from "./service.js";

const DIALOGS = 8;
const SHARED_DATA_DIR = new URL("../../shared/data", import.meta.url).pathname;

const formatCpu = (spent: CpuSpent, turns: number) =>
  `service main thread ${(spent.mainThreadMs / turns).toFixed(2)} ms, its PostgreSQL backends ${(spent.databaseMs / turns).toFixed(2)} ms`;

export default async function bench(): Promise<void> {
  const logger = createLogger("bench", "error");
  const db = await createTestDatabase("wewall_bench");
  const stockDb = await createTestDatabase("wewall_bench_stock");
  const connector = startTypeScriptWorker(new URL("./bench/connector-stub-worker.ts", import.meta.url));
  const [sinkUrl] = (await once(connector, "message")) as [string];
  try {
    await loadDemoCatalogueIfEmpty(db.pool, SHARED_DATA_DIR, logger);
    const toolServices = startTypeScriptWorker(new URL("./bench/tool-services-worker.ts", import.meta.url), {
      workerData: { databaseUrl: db.url, sharedDataDir: SHARED_DATA_DIR },
    });
    const [toolUrls] = (await once(toolServices, "message")) as [{ calculatorUrl: string; searchUrl: string }];
    const config = loadConfig({
      HOST: "127.0.0.1",
      SHARED_DATA_DIR,
      LOG_LEVEL: "error",
      PORT: "0",
      BURST_WINDOW_MS: "0",
      CALCULATOR_URL: toolUrls.calculatorUrl,
      SEARCH_URL: toolUrls.searchUrl,
      CHANNEL_URLS: `bench=${sinkUrl}`,
      ...TEST_SERVICE_ENV,
    });
    const core = await startService({ config, db, logger });
    const coreUrl = `http://127.0.0.1:${portOf(core.app.server.address())}`;
    const ours = (id: string) => `${coreUrl}/v1/dialogs/${id}/messages?wait=true`;
    const dialogs = Array.from({ length: DIALOGS }, (_, i) => `bench:${i}`);

    await measureTurns({ url: ours, dialogs: ["bench:warm1", "bench:warm2"], turnsPerDialog: 20 });
    console.log(
      `WeWall core — ${DIALOGS} concurrent dialogs, ?wait=true, burst window 0, rule NLU, real calculator/search in their own thread, outbox delivering`,
    );
    const first = await measureTurns({ url: ours, dialogs, turnsPerDialog: 10 });
    const at10 = await bytesPerDialog(db.pool, dialogs);
    const oursCpu = await startCpuMeter(db.pool);
    const rest = await measureTurns({ url: ours, dialogs, turnsPerDialog: 90, offset: 10 });
    const oursSpent = await oursCpu();
    const at100 = await bytesPerDialog(db.pool, dialogs);
    // The stock graph below runs on LangChain's own run context, as stock LangGraph does.
    await core.close();
    console.log(`  first 10 turns/dialog: ${formatFigures(first)}`);
    console.log(`  turns 11-100/dialog:   ${formatFigures(rest)}`);
    console.log(`  CPU per turn: ${formatCpu(oursSpent, rest.turns)}`);
    console.log(
      `  stored per dialog: ${(at10 / 1024).toFixed(1)} KB after 10 turns, ${(at100 / 1024).toFixed(1)} KB after 100 turns (${(at100 / 100).toFixed(0)} B/turn)`,
    );

    const stations = await loadMetroStations(SHARED_DATA_DIR);
    const rules = createRuleInterpreter({
      parseSlots: (text, context) => parseSlots(text, { ...context, stations: stations.index }),
      nearestStation: stations.nearest,
    });
    const tools = createHttpTools({
      calculatorUrl: config.calculatorUrl,
      searchUrl: config.searchUrl,
      timeoutMs: 5000,
      token: config.tokens.core,
    });
    const stock = await buildStockGraphApp(stockDb.pool, { interpreter: rules, tools }, logger, config.tokens);
    const stockUrl = await stock.listen({ port: 0, host: "127.0.0.1" });
    const stockTurn = (id: string) => `${stockUrl}/stock/${id}`;
    await measureTurns({ url: stockTurn, dialogs: ["bench:warm1", "bench:warm2"], turnsPerDialog: 20 });
    console.log("Stock LangGraph — same nodes, PostgresSaver with default settings, same HTTP client and load");
    const stockFirst = await measureTurns({ url: stockTurn, dialogs, turnsPerDialog: 10 });
    const stock10 = await bytesPerDialog(stockDb.pool, dialogs, CHECKPOINT_TABLES);
    const stockCpu = await startCpuMeter(stockDb.pool);
    const stockRest = await measureTurns({ url: stockTurn, dialogs, turnsPerDialog: 90, offset: 10 });
    const stockSpent = await stockCpu();
    const stock100 = await bytesPerDialog(stockDb.pool, dialogs, CHECKPOINT_TABLES);
    console.log(`  first 10 turns/dialog: ${formatFigures(stockFirst)}`);
    console.log(`  turns 11-100/dialog:   ${formatFigures(stockRest)}`);
    console.log(`  CPU per turn: ${formatCpu(stockSpent, stockRest.turns)}`);
    console.log(
      `  stored per dialog: ${(stock10 / 1024).toFixed(1)} KB after 10 turns, ${(stock100 / 1024).toFixed(1)} KB after 100 turns`,
    );
    const offline = {
      search: async () => ({ items: [], total: 0 }),
      valuate: tools.valuate,
      investment: tools.investment,
    };
    const stockGraphCpu = await measureGraphCpu({ interpreter: rules, tools: offline });
    const restoreRunTrees = skipUntracedRunTrees();
    const graphCpu = await measureGraphCpu({ interpreter: rules, tools: offline });
    restoreRunTrees();
    console.log(
      `LangGraph alone (same graph, no checkpointer, no I/O): ${graphCpu.toFixed(2)} ms CPU per turn (${stockGraphCpu.toFixed(2)} ms with a RunTree per node, write and branch), a ceiling of ${Math.round(1000 / graphCpu)} turns/s per core before any database or HTTP work`,
    );
    const ratio = (first.turnsPerSecond + rest.turnsPerSecond) / (stockFirst.turnsPerSecond + stockRest.turnsPerSecond);
    console.log(`  WeWall / stock throughput: ${ratio.toFixed(1)}×`);

    await stock.close();
    await (await import("./bench/llm-bench.js")).default();
    toolServices.postMessage("close");
    await once(toolServices, "message");
    await toolServices.terminate();
  } finally {
    await connector.terminate();
    await db.close();
    await stockDb.close();
  }
}
