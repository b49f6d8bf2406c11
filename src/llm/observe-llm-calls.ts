// The LLM layer's calls as metrics: calls by purpose and outcome, tokens spent, time waiting for the model.
import type { Metrics } from "@wewall/shared";
import type { CallObservation } from "./guarded-model.js";

export function observeLlmCalls(metrics: Metrics): (observation: CallObservation) => void {
  const calls = metrics.counter({
    name: "wewall_llm_calls_total",
    help: "Model calls by purpose and outcome (ok, failed, rejected, capped, skipped)",
    labelNames: ["purpose", "outcome"],
  });
  const tokens = metrics.counter({
    name: "wewall_llm_tokens_total",
    help: "Tokens the model reported spending",
    labelNames: ["purpose"],
  });
  const modelSeconds = metrics.histogram({
    name: "wewall_llm_model_seconds",
    help: "Time waiting for the model per call",
    labelNames: ["purpose"],
  });
  return (observation) => {
    calls.inc({ purpose: observation.purpose, outcome: observation.outcome });
    if (observation.tokens > 0) tokens.inc({ purpose: observation.purpose }, observation.tokens);
    if (observation.modelMs > 0) modelSeconds.observe({ purpose: observation.purpose }, observation.modelMs / 1000);
  };
}
