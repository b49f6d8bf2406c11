// The comparison: the same funnel nodes compiled plainly on the stock PostgresSaver with default settings, behind one route.
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { createHttpApp, incomingMessageSchema, type Logger } from "@wewall/shared";
import type pg from "pg";
import { z } from "zod";
import type { FunnelDeps } from "../graph/configuration.js";
import { buildFunnelGraph } from "../graph/graph.js";

export async function buildStockGraphApp(pool: pg.Pool, deps: FunnelDeps, logger: Logger) {
  const saver = new PostgresSaver(pool);
  await saver.setup();
  const graph = buildFunnelGraph(deps).compile({ checkpointer: saver });
  const app = await createHttpApp({ title: "stock LangGraph", logger, docs: false });
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
