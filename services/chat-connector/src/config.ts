// The chat-connector's settings: one zod schema over the environment, every problem reported at once.
import { modelEnvShape, modelSettingsFrom, type ModelSettings } from "@wewall/shared/llm";
import { loadServiceEnv, portSchema, type Env, type PlatformConfig } from "@wewall/shared";
import { z } from "zod";

const idList = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

// "greeting=1,slots=2" → { greeting: 1, slots: 2 }; used for stage → status and slot → custom field maps.
function numberMap(name: string) {
  return z
    .string()
    .default("")
    .transform((value, ctx) => {
      const map: Record<string, number> = {};
      for (const pair of idList(value)) {
        const [key, raw] = pair.split("=").map((part) => part.trim());
        if (!key || !raw || !/^\d+$/.test(raw)) {
          ctx.addIssue({ code: "custom", message: `${name}: "${pair}" is not key=<number>` });
          continue;
        }
        map[key] = Number(raw);
      }
      return map;
    });
}

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));
const required = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .trim()
    .min(1, `${name} is required`);
const integer = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number);

const envShape = {
  AMOCRM_SUBDOMAIN: optional,
  AMOCRM_BASE_URL: optional.pipe(z.string().url().optional()),
  AMOJO_BASE_URL: z.string().url().default("https://amojo.amocrm.ru"),
  AMOCRM_CHANNEL_ID: required("AMOCRM_CHANNEL_ID"),
  AMOCRM_CHANNEL_SECRET: required("AMOCRM_CHANNEL_SECRET"),
  AMOCRM_CHANNEL_TITLE: z.string().min(1).default("WeWall"),
  AMOCRM_BOT_ID: required("AMOCRM_BOT_ID"),
  AMOCRM_BOT_NAME: z.string().min(1).default("WeWall AI"),
  AMOCRM_ACCOUNT_ID: optional,
  AMOCRM_CLIENT_ID: optional,
  AMOCRM_CLIENT_SECRET: optional,
  AMOCRM_REDIRECT_URI: optional,
  AMOCRM_AUTH_CODE: optional,
  AMOCRM_LONG_LIVED_TOKEN: optional,
  AMOCRM_PIPELINE_ID: integer("AMOCRM_PIPELINE_ID"),
  AMOCRM_STAGE_MAP: numberMap("AMOCRM_STAGE_MAP"),
  AMOCRM_LEAD_FIELDS: numberMap("AMOCRM_LEAD_FIELDS"),
  AMOCRM_CLOSING_STATUSES: z
    .string()
    .default("142,143")
    .refine((value) => idList(value).every((id) => /^\d+$/.test(id)), "AMOCRM_CLOSING_STATUSES must be numbers")
    .transform((value) => idList(value).map(Number)),
  AMOCRM_RATE_LIMIT: z.coerce.number().positive().default(7),
  AMOCRM_WEBHOOK_SECRET: optional,
  AMOCRM_WEBHOOK_DURABLE_ACK: z.enum(["on", "off"]).default("on"),
  // The core's model settings, read from the same variables: the handoff note is written by it when configured.
  ...modelEnvShape,
  CHAT_CONNECTOR_PORT: portSchema.default(3004),
  CORE_URL: z.string().url().default("http://127.0.0.1:3000"),
};

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

// Cross-field rules run on the raw environment so they are reported together with field errors.
function crossFieldProblems(env: Env): string[] {
  const problems: string[] = [];
  if (!env.CHAT_CONNECTOR_SERVICE_TOKEN)
    problems.push("CHAT_CONNECTOR_SERVICE_TOKEN is required: the core refuses the connector's calls without it");
  if (!env.AMOCRM_WEBHOOK_SECRET && !LOOPBACK.has(env.HOST ?? "127.0.0.1"))
    problems.push(
      `AMOCRM_WEBHOOK_SECRET is required with HOST=${env.HOST}: off loopback anyone could post account webhooks`,
    );
  if (!env.AMOCRM_SUBDOMAIN?.trim() && !env.AMOCRM_BASE_URL?.trim())
    problems.push("AMOCRM_SUBDOMAIN or AMOCRM_BASE_URL is required");
  if (!env.AMOCRM_LONG_LIVED_TOKEN?.trim()) {
    for (const name of ["AMOCRM_CLIENT_ID", "AMOCRM_CLIENT_SECRET", "AMOCRM_REDIRECT_URI"])
      if (!env[name]?.trim()) problems.push(`${name} is required without AMOCRM_LONG_LIVED_TOKEN`);
  }
  return problems;
}

export type OAuthSettings =
  | { kind: "long-lived"; token: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; redirectUri: string; authCode: string | undefined };

export interface Config extends PlatformConfig {
  amocrmBaseUrl: string;
  amojoBaseUrl: string;
  channelId: string;
  channelSecret: string;
  channelTitle: string;
  botId: string;
  botName: string;
  accountId: string | undefined;
  auth: OAuthSettings;
  pipelineId: number;
  stageMap: Record<string, number>;
  leadFields: Record<string, number>;
  closingStatuses: number[];
  rateLimitPerSecond: number;
  webhookSecret: string | undefined;
  webhookDurableAck: boolean;
  llm: ModelSettings | null;
  port: number;
  coreUrl: string;
}

export function loadConfig(env: Env): Config {
  const { platform, values: e } = loadServiceEnv("chat-connector", envShape, env, crossFieldProblems);
  return {
    ...platform,
    amocrmBaseUrl: (e.AMOCRM_BASE_URL ?? `https://${e.AMOCRM_SUBDOMAIN}.amocrm.ru`).replace(/\/$/, ""),
    amojoBaseUrl: e.AMOJO_BASE_URL.replace(/\/$/, ""),
    channelId: e.AMOCRM_CHANNEL_ID,
    channelSecret: e.AMOCRM_CHANNEL_SECRET,
    channelTitle: e.AMOCRM_CHANNEL_TITLE,
    botId: e.AMOCRM_BOT_ID,
    botName: e.AMOCRM_BOT_NAME,
    accountId: e.AMOCRM_ACCOUNT_ID,
    auth: e.AMOCRM_LONG_LIVED_TOKEN
      ? { kind: "long-lived", token: e.AMOCRM_LONG_LIVED_TOKEN }
      : {
          kind: "oauth",
          clientId: e.AMOCRM_CLIENT_ID ?? "",
          clientSecret: e.AMOCRM_CLIENT_SECRET ?? "",
          redirectUri: e.AMOCRM_REDIRECT_URI ?? "",
          authCode: e.AMOCRM_AUTH_CODE,
        },
    pipelineId: e.AMOCRM_PIPELINE_ID,
    stageMap: e.AMOCRM_STAGE_MAP,
    leadFields: e.AMOCRM_LEAD_FIELDS,
    closingStatuses: e.AMOCRM_CLOSING_STATUSES,
    rateLimitPerSecond: e.AMOCRM_RATE_LIMIT,
    webhookSecret: e.AMOCRM_WEBHOOK_SECRET,
    webhookDurableAck: e.AMOCRM_WEBHOOK_DURABLE_ACK === "on",
    llm: modelSettingsFrom(e),
    port: e.CHAT_CONNECTOR_PORT,
    coreUrl: e.CORE_URL.replace(/\/$/, ""),
  };
}
