// The comparison: the same funnel nodes compiled plainly on the stock PostgresSaver with default settings, behind one route.
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { createHttpApp, createMetrics, incomingMessageSchema, type Logger, type ServiceTokens } from "@wewall/shared";
import type pg from "pg";
import { z } from "zod";
import type { FunnelDeps } from "../graph/configuration.js";
import { buildFunnelGraph } from "../graph/graph.js";

// The same platform (credential check, metrics) as the core, so the comparison is of the graph and its storage alone.
export async function buildStockGraphApp(pool: pg.Pool, deps: FunnelDeps, logger: Logger, auth: ServiceTokens) {
  const saver = new PostgresSaver(pool);
  await saver.setup();
  const graph = buildFunnelGraph(deps).compile({ checkpointer: saver });
  const app = await createHttpApp({
    title: "stock LangGraph",
    logger,
    docs: false,
    auth,
    metrics: createMetrics("stock"),
    readiness: () => ({ ready: true }),
  });
  app.post(
    "/stock/:dialogId",
    { schema: { params: z.object({ dialogId: z.string() }), body: incomingMessageSchema } },
    async (request) => {
      const state = await graph.invoke(
        { turn: { kind: "message", texts: [request.body.text] } },
        { configurable: { thread_id: request.params.dialogId } },
      );
      return { replies: state.replies };
    },
  );
  return app;
}
