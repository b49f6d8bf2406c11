// The partner API's environment: the only place it is read; every problem reported at once.
import { loadServiceEnv, portSchema, type Env, type PlatformConfig } from "@wewall/shared";
import { z } from "zod";

const perSecond = z.coerce.number().positive().max(100_000);

const envShape = {
  EXTERNAL_API_PORT: portSchema.default(3006),
  CORE_URL: z.url().default("http://127.0.0.1:3000"),
  CALCULATOR_URL: z.url().default("http://127.0.0.1:3001"),
  SEARCH_URL: z.url().default("http://127.0.0.1:3002"),
  REDIS_URL: z.string().url().optional(),
  PARTNER_RATE_PER_SECOND: perSecond.default(10),
  PARTNER_BURST: z.coerce.number().int().min(1).max(100_000).default(20),
  PARTNER_VALUATIONS_PER_DAY: z.coerce.number().int().min(0).max(10_000_000).default(1000),
  PARTNER_MESSAGES_PER_DAY: z.coerce.number().int().min(0).max(100_000_000).default(20_000),
  PARTNER_CALLBACK_TICK_MS: z.coerce.number().int().min(20).max(60_000).default(1000),
};

export interface ExternalApiConfig extends PlatformConfig {
  port: number;
  coreUrl: string;
  calculatorUrl: string;
  searchUrl: string;
  /** Counters shared by replicas; without it each process counts on its own. */
  redisUrl: string | undefined;
  /** Requests per second per key, and how many may come at once. */
  rate: { rate: number; burst: number };
  /** Per partner per UTC day: valuations, and messages (each a turn that may call the LLM). */
  quotas: { valuations: number; messages: number };
  callbackTickMs: number;
}

function missingToken(env: Env): string[] {
  return env.EXTERNAL_API_SERVICE_TOKEN
    ? []
    : ["EXTERNAL_API_SERVICE_TOKEN is not set: the core and the tools refuse the partner API's calls without it"];
}

export function loadConfig(env: Env): ExternalApiConfig {
  const { platform, values } = loadServiceEnv("external-api", envShape, env, missingToken);
  return {
    ...platform,
    port: values.EXTERNAL_API_PORT,
    coreUrl: values.CORE_URL,
    calculatorUrl: values.CALCULATOR_URL,
    searchUrl: values.SEARCH_URL,
    redisUrl: values.REDIS_URL,
    rate: { rate: values.PARTNER_RATE_PER_SECOND, burst: values.PARTNER_BURST },
    quotas: { valuations: values.PARTNER_VALUATIONS_PER_DAY, messages: values.PARTNER_MESSAGES_PER_DAY },
    callbackTickMs: values.PARTNER_CALLBACK_TICK_MS,
  };
}
