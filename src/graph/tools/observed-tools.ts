// The funnel's tools with every failure logged with its cause and counted; the nodes answer the client politely.
import type { Logger, Metrics } from "@wewall/shared";
import type { FunnelTools } from "../configuration.js";

export function observedTools(tools: FunnelTools, logger: Logger, metrics: Metrics): FunnelTools {
  const failures = metrics.counter({
    name: "wewall_tool_failures_total",
    help: "Calculator and search calls that failed (the client was told the service does not answer)",
    labelNames: ["tool"],
  });
  function observed<A, R>(tool: keyof FunnelTools, call: (request: A) => Promise<R>): (request: A) => Promise<R> {
    return async (request) => {
      try {
        return await call(request);
      } catch (error) {
        failures.inc({ tool });
        logger.warn({ err: error, tool }, "tool call failed");
        throw error;
      }
    };
  }
  return {
    valuate: observed("valuate", (request) => tools.valuate(request)),
    investment: observed("investment", (request) => tools.investment(request)),
    search: observed("search", (request) => tools.search(request)),
  };
}
