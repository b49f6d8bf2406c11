// Starts the core: migrations, the funnel graph on the Postgres checkpointer, the dialog engine, the HTTP API.
import { parseSlots } from "@wewall/ru-numbers";
import {
  createMetrics,
  watchQueues,
  runMigrations,
  withMigrationLock,
  type Database,
  type Logger,
  type Metrics,
} from "@wewall/shared";
import { Redis } from "ioredis";
import { buildCoreApp } from "./app.js";
import type { CoreConfig } from "./config.js";
import { coreMigrations } from "./db/migrations.js";
import { createDialogEngine } from "./dialog/dialog-engine.js";
import { createLocalLock, createRedisLock } from "./dialog/dialog-lock.js";
import { TurnCheckpointer } from "./dialog/turn-checkpointer.js";
import { QUESTION_ANSWERER_KEY, type FunnelTools } from "./graph/configuration.js";
import { buildFunnelGraph } from "./graph/graph.js";
import { skipUntracedRunTrees } from "./graph/skip-untraced-run-trees.js";
import { createHttpTools } from "./graph/tools/http-tools.js";
import { observedTools } from "./graph/tools/observed-tools.js";
import type { CallObservation } from "./llm/guarded-model.js";
import { createLlmLayer } from "./llm/llm-layer.js";
import { observeLlmCalls } from "./llm/observe-llm-calls.js";
import { withStyledReplies } from "./llm/styled-graph.js";
import type { MessageInterpreter } from "./nlu/message-interpreter.js";
import { loadMetroStations } from "./nlu/metro-stations.js";
import { createRuleInterpreter } from "./nlu/rule-interpreter.js";

export interface CoreServiceDeps {
  config: CoreConfig;
  db: Database;
  logger: Logger;
  metrics?: Metrics;
  /** Replaces the HTTP tools (tests, benchmarks). */
  tools?: FunnelTools;
  /** Wraps the rule interpreter (the LLM layer does). */
  interpreter?: (rules: MessageInterpreter) => MessageInterpreter;
  /** Sees every LLM call's outcome and timing (benchmarks). */
  llmObserve?: (observation: CallObservation) => void;
  listen?: boolean;
}

export async function startService(deps: CoreServiceDeps) {
  const { config, db, logger } = deps;
  const metrics = deps.metrics ?? createMetrics("core");
  const checkpointer = new TurnCheckpointer(db.pool);
  await runMigrations(db.pool, "core", coreMigrations);
  await withMigrationLock(db.pool, () => checkpointer.setup());

  const stations = await loadMetroStations(config.sharedDataDir);
  const rules = createRuleInterpreter({
    parseSlots: (text, context) => parseSlots(text, { ...context, stations: stations.index }),
    nearestStation: stations.nearest,
  });
  const llm = config.llm
    ? await createLlmLayer({
        config: config.llm,
        pool: db.pool,
        logger,
        slotSupport: { findStations: (text) => stations.index.find(text).map((match) => match.name) },
        observe: both(observeLlmCalls(metrics), deps.llmObserve),
      })
    : null;
  const understood = llm ? llm.wrapInterpreter(rules) : rules;
  const interpreter = deps.interpreter ? deps.interpreter(understood) : understood;
  const tools = observedTools(
    deps.tools ??
      createHttpTools({
        calculatorUrl: config.calculatorUrl,
        searchUrl: config.searchUrl,
        timeoutMs: config.toolTimeoutMs,
        token: config.tokens.core,
      }),
    logger,
    metrics,
  );
  const restoreRunTrees = skipUntracedRunTrees();
  const compiled = buildFunnelGraph({ interpreter, tools }).compile({ checkpointer });
  const configured = llm?.answerer
    ? compiled.withConfig({ configurable: { [QUESTION_ANSWERER_KEY]: llm.answerer } })
    : compiled;
  const graph = llm?.styler ? withStyledReplies(configured, llm.styler) : configured;

  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }) : null;
  const lock = redis ? createRedisLock(redis) : createLocalLock();
  const engine = createDialogEngine({
    pool: db.pool,
    graph,
    checkpointer,
    lock,
    logger,
    channelUrls: config.channelUrls,
    coreToken: config.tokens.core,
    burstWindowMs: config.burstWindowMs,
    burstWindowCapMs: config.burstWindowCapMs,
    checkpointsKept: config.checkpointsKept,
    metrics,
  });
  watchQueues(metrics, db.pool, CORE_QUEUES);
  let ready = false;
  const app = await buildCoreApp({
    pool: db.pool,
    engine,
    logger,
    isReady: () => ready,
    auth: config.tokens,
    metrics,
  });
  if (deps.listen !== false) await app.listen({ port: config.port, host: config.host });
  engine.start();
  ready = true;
  logger.info({ port: config.port, embedded: db.embedded, redis: redis !== null }, "core serving");

  return {
    app,
    engine,
    async close() {
      ready = false;
      engine.events.close();
      await app.close();
      await engine.stop();
      redis?.disconnect();
      restoreRunTrees();
    },
  };
}

export type CoreService = Awaited<ReturnType<typeof startService>>;

const CORE_QUEUES = [
  { name: "inbox", table: "inbox", waiting: "turn_id IS NULL", since: "received_at" },
  { name: "outbox", table: "outbox", waiting: "status = 'pending'", since: "created_at" },
];

function both<T>(first: (value: T) => void, second: ((value: T) => void) | undefined): (value: T) => void {
  return second ? (value) => (first(value), second(value)) : first;
}
