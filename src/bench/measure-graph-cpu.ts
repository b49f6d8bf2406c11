// CPU one funnel turn costs inside LangGraph alone (no checkpointer, no database, no HTTP): the framework's floor.
import type { FunnelDeps } from "../graph/configuration.js";
import { buildFunnelGraph } from "../graph/graph.js";
import { BUYER_SCRIPT } from "./buyer-script.js";

export async function measureGraphCpu(deps: FunnelDeps, turns = 3000): Promise<number> {
  const graph = buildFunnelGraph(deps).compile();
  const run = async (n: number) => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i += 1) {
      await graph.invoke({ turn: { kind: "message", texts: [BUYER_SCRIPT[i % BUYER_SCRIPT.length] ?? ""] } });
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / n;
  };
  await run(turns / 3);
  return run(turns);
}
