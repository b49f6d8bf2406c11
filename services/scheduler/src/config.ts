// The scheduler's environment: the only place it is read; every problem reported at once.
import { loadServiceEnv, portSchema, type Env, type PlatformConfig } from "@wewall/shared";
import { z } from "zod";
import { minutesOfDay, type SendingHours } from "./sending-hours.js";

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24-hour)");
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Moscow");

const envShape = {
  SCHEDULER_PORT: portSchema.default(3005),
  CORE_URL: z.url().default("http://127.0.0.1:3000"),
  QUIET_FROM: clockTime.default("21:00"),
  QUIET_TO: clockTime.default("10:00"),
  TIMEZONE: timeZone.default("Europe/Moscow"),
  FOLLOW_UP_WEEKENDS: z.enum(["on", "off"]).default("on"),
  FOLLOW_UP_MAX: z.coerce.number().int().min(0).max(20).default(3),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  HANDOFF_NOTICE_MINUTES: z.coerce.number().int().min(1).max(10_080).default(15),
  SCHEDULER_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SCHEDULER_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
};

export interface SchedulerConfig extends PlatformConfig {
  port: number;
  coreUrl: string;
  /** The client's default zone and the hours nothing is sent. */
  hours: SendingHours;
  /** Follow-ups one dialog gets at most, over its life. */
  maxFollowUps: number;
  retentionDays: number;
  handoffNoticeMinutes: number;
  /** How often the sender looks for due follow-ups. */
  tickMs: number;
  /** Follow-ups one sender claims at a time. */
  batch: number;
}

function missingToken(env: Env): string[] {
  return env.SCHEDULER_SERVICE_TOKEN
    ? []
    : ["SCHEDULER_SERVICE_TOKEN is not set: the core refuses the scheduler's calls without it"];
}

export function loadConfig(env: Env): SchedulerConfig {
  const { platform, values } = loadServiceEnv("scheduler", envShape, env, missingToken);
  return {
    ...platform,
    port: values.SCHEDULER_PORT,
    coreUrl: values.CORE_URL,
    hours: {
      quietFrom: minutesOfDay(values.QUIET_FROM),
      quietTo: minutesOfDay(values.QUIET_TO),
      timeZone: values.TIMEZONE,
      weekends: values.FOLLOW_UP_WEEKENDS === "on",
    },
    maxFollowUps: values.FOLLOW_UP_MAX,
    retentionDays: values.RETENTION_DAYS,
    handoffNoticeMinutes: values.HANDOFF_NOTICE_MINUTES,
    tickMs: values.SCHEDULER_TICK_MS,
    batch: values.SCHEDULER_BATCH,
  };
}
