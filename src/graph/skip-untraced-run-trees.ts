// LangGraph runs every node, channel write and branch inside `runWithConfig`, which builds a LangSmith RunTree (a
// uuid7 from the crypto RNG, timestamps, environment reads) only to carry the runnable's config through
// AsyncLocalStorage, even when tracing is off and nothing reads the tree. That was a quarter of LangGraph's CPU per
// turn. Upstream proposed dropping it (langchain-ai/langchainjs#10043, closed unmerged). With no LangSmith tracer
// configured, this carries the config in a plain store instead; with one, LangChain's own code runs unchanged.
import { CallbackManager } from "@langchain/core/callbacks/manager";
import type { RunnableConfig } from "@langchain/core/runnables";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";

// The keys @langchain/core reads back from the store (`getRunnableConfig`, `getContextVariable`).
const CHILD_CONFIG = Symbol.for("lc:child_config");
const CONTEXT_VARIABLES = Symbol.for("lc:context_variables");

let installed = false;

function hasTracer(config: RunnableConfig | undefined): boolean {
  const manager = CallbackManager._configureSync(
    config?.callbacks,
    undefined,
    config?.tags,
    undefined,
    config?.metadata,
  );
  return manager?.handlers.some((handler) => handler.name === "langchain_tracer") ?? false;
}

/** Installs the plain store for untraced runs, once per process; returns a function that restores LangChain's. */
export function skipUntracedRunTrees(): () => void {
  const provider = AsyncLocalStorageProviderSingleton;
  if (installed) return () => undefined;
  installed = true;
  const langChains = provider.runWithConfig.bind(provider);
  provider.runWithConfig = <T>(
    config: RunnableConfig | undefined,
    callback: () => T,
    avoidCreatingRootRunTree?: boolean,
  ): T => {
    if (hasTracer(config)) return langChains(config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const contextVariables: unknown = (storage.getStore() as Record<symbol, unknown> | undefined)?.[CONTEXT_VARIABLES];
    const store: Record<string | symbol, unknown> | undefined = avoidCreatingRootRunTree
      ? undefined
      : { extra: { [CHILD_CONFIG]: config } };
    if (contextVariables === undefined) return storage.run(store, callback);
    return storage.run({ ...store, [CONTEXT_VARIABLES]: contextVariables }, callback);
  };
  return () => {
    provider.runWithConfig = langChains;
    installed = false;
  };
}
