// The OpenAI-compatible model client every service that asks a model uses: timeout, retries, breaker, one error type.
export * from "./circuit-breaker.js";
export * from "./llm-error.js";
export * from "./model-client.js";
export * from "./model-settings.js";
