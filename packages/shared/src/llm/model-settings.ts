// The model's connection settings from the LLM_* variables: one definition for every service that asks a model.
import { z } from "zod";
import { createCircuitBreaker } from "./circuit-breaker.js";
import { createModelClient, type ModelClient } from "./model-client.js";

/** Spread into a service's environment schema. */
export const modelEnvShape = {
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  LLM_BREAKER_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
};

export type ModelEnv = z.infer<z.ZodObject<typeof modelEnvShape>>;

export interface ModelSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  breakerFailures: number;
  breakerCooldownMs: number;
}

/** Null when LLM_BASE_URL or LLM_MODEL is unset: the service runs without a model. */
export function modelSettingsFrom(env: ModelEnv): ModelSettings | null {
  if (!env.LLM_BASE_URL || !env.LLM_MODEL) return null;
  return {
    baseUrl: env.LLM_BASE_URL,
    // Local servers (Ollama, llama.cpp) take any key; the OpenAI client insists on one.
    apiKey: env.LLM_API_KEY || "none",
    model: env.LLM_MODEL,
    timeoutMs: env.LLM_TIMEOUT_MS,
    maxRetries: env.LLM_MAX_RETRIES,
    breakerFailures: env.LLM_BREAKER_FAILURES,
    breakerCooldownMs: env.LLM_BREAKER_COOLDOWN_MS,
  };
}

/** The model client with its own circuit breaker, as configured. */
export function createModelFromSettings(settings: ModelSettings): ModelClient {
  return createModelClient({
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    breaker: createCircuitBreaker({
      failureThreshold: settings.breakerFailures,
      coolDownMs: settings.breakerCooldownMs,
    }),
  });
}
