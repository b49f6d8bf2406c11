import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { getContextVariable, setContextVariable } from "@langchain/core/context";
import { Annotation, END, START, StateGraph, getConfig } from "@langchain/langgraph";
import { afterEach, describe, expect, it } from "vitest";
import { skipUntracedRunTrees } from "./skip-untraced-run-trees.js";

const State = Annotation.Root({ seen: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }) });

// What a node can read of its run context: the config LangGraph passes down, a context variable, the store's kind.
function probeGraph() {
  const probe = () => {
    const store: unknown = AsyncLocalStorageProviderSingleton.getInstance().getStore();
    const kind = typeof store === "object" && store !== null ? store.constructor.name : String(store);
    const thread = String(getConfig().configurable?.thread_id);
    return { seen: [`${thread}|${String(getContextVariable("agency"))}|${kind}`] };
  };
  return new StateGraph(State)
    .addNode("first", probe)
    .addNode("second", probe)
    .addEdge(START, "first")
    .addConditionalEdges("first", () => "second", ["second"])
    .addEdge("second", END)
    .compile();
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe("skipUntracedRunTrees", () => {
  it("keeps the config and context variables a node reads, in a plain store instead of a RunTree", async () => {
    const graph = probeGraph();
    const run = () => {
      setContextVariable("agency", "WeWall");
      return graph.invoke({}, { configurable: { thread_id: "telegram:1" } });
    };
    const before = await run();
    expect(before.seen).toEqual(["telegram:1|WeWall|RunTree", "telegram:1|WeWall|RunTree"]);
    restore = skipUntracedRunTrees();
    const after = await run();
    expect(after.seen).toEqual(["telegram:1|WeWall|Object", "telegram:1|WeWall|Object"]);
  });

  it("leaves LangChain's own run trees in place when a LangSmith tracer is configured", async () => {
    const marker = new (class TracerRunTree {})();
    class FakeTracer extends BaseCallbackHandler {
      name = "langchain_tracer";
      getRunTreeWithTracingConfig() {
        return marker;
      }
    }
    restore = skipUntracedRunTrees();
    setContextVariable("agency", "traced");
    const traced = await probeGraph().invoke({}, { configurable: { thread_id: "t" }, callbacks: [new FakeTracer()] });
    expect(traced.seen).toEqual(["t|traced|TracerRunTree", "t|traced|TracerRunTree"]);
  });

  it("installs once and restores LangChain's function", () => {
    const langChains = AsyncLocalStorageProviderSingleton.runWithConfig;
    restore = skipUntracedRunTrees();
    const installed = AsyncLocalStorageProviderSingleton.runWithConfig;
    expect(installed).not.toBe(langChains);
    skipUntracedRunTrees()();
    expect(AsyncLocalStorageProviderSingleton.runWithConfig).toBe(installed);
    restore();
    restore = undefined;
    expect(AsyncLocalStorageProviderSingleton.runWithConfig).not.toBe(installed);
  });
});
