// Core configuration from the environment, validated at once with every problem reported.
import { loadServiceEnv, portSchema, type Env, type PlatformConfig } from "@wewall/shared";
import { modelEnvShape, modelSettingsFrom, type ModelSettings } from "@wewall/shared/llm";
import { z } from "zod";

const channelUrls = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const urls: Record<string, string> = {};
    for (const pair of value
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [channel, url] = pair.split("=", 2);
      if (!channel || !url || !URL.canParse(url)) {
        ctx.addIssue({ code: "custom", message: `CHANNEL_URLS entry "${pair}" must be channel=url` });
        continue;
      }
      urls[channel] = url;
    }
    return urls;
  });

const configShape = {
  PORT: portSchema.default(3000),
  SHARED_DATA_DIR: z.string().default("../shared/data"),
  REDIS_URL: z.string().url().optional(),
  BURST_WINDOW_MS: z.coerce.number().int().min(0).max(10_000).default(1500),
  BURST_WINDOW_CAP_MS: z.coerce.number().int().min(0).max(30_000).default(5000),
  CALCULATOR_URL: z.string().url().default("http://127.0.0.1:3001"),
  SEARCH_URL: z.string().url().default("http://127.0.0.1:3002"),
  TOOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  CHANNEL_URLS: channelUrls,
  CHECKPOINTS_KEPT: z.coerce.number().int().min(1).max(100).default(3),
  ...modelEnvShape,
  LLM_STYLE: z.enum(["on", "off"]).default("off"),
  LLM_DIALOG_TOKEN_CAP: z.coerce.number().int().min(0).default(30_000),
  KNOWLEDGE_DIR: z.string().default("./knowledge"),
};

/** The optional model; null when LLM_BASE_URL or LLM_MODEL is unset (rule-only mode). */
export type LlmConfig =
  | (ModelSettings & {
      style: boolean;
      dialogTokenCap: number;
      knowledgeDir: string;
    })
  | null;

export type CoreConfig = PlatformConfig & {
  port: number;
  sharedDataDir: string;
  redisUrl: string | undefined;
  burstWindowMs: number;
  burstWindowCapMs: number;
  calculatorUrl: string;
  searchUrl: string;
  toolTimeoutMs: number;
  channelUrls: Record<string, string>;
  checkpointsKept: number;
  llm: LlmConfig;
};

export function loadConfig(env: Env): CoreConfig {
  const { platform, values: c } = loadServiceEnv("core", configShape, env, requiredSecrets);
  const model = modelSettingsFrom(c);
  return {
    ...platform,
    port: c.PORT,
    sharedDataDir: c.SHARED_DATA_DIR,
    redisUrl: c.REDIS_URL,
    burstWindowMs: c.BURST_WINDOW_MS,
    burstWindowCapMs: Math.max(c.BURST_WINDOW_CAP_MS, c.BURST_WINDOW_MS),
    calculatorUrl: c.CALCULATOR_URL,
    searchUrl: c.SEARCH_URL,
    toolTimeoutMs: c.TOOL_TIMEOUT_MS,
    channelUrls: c.CHANNEL_URLS,
    checkpointsKept: c.CHECKPOINTS_KEPT,
    llm: model
      ? { ...model, style: c.LLM_STYLE === "on", dialogTokenCap: c.LLM_DIALOG_TOKEN_CAP, knowledgeDir: c.KNOWLEDGE_DIR }
      : null,
  };
}

// Checked on the raw values so they are reported together with every other problem.
function requiredSecrets(env: Env): string[] {
  if (env.CORE_SERVICE_TOKEN) return [];
  return [
    "CORE_SERVICE_TOKEN is not set: the calculator, search and channel connectors refuse the core's calls without it",
  ];
}
