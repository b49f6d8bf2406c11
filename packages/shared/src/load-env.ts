// Every service's configuration: one zod schema over the environment, blanks as unset, every problem reported at once.
import { z } from "zod";
import { AppError } from "./app-error.js";
import { DEFAULT_DB_CONNECT_TIMEOUT_MS, DEFAULT_DB_STATEMENT_TIMEOUT_MS } from "./database.js";
import { serviceTokensEnvShape, serviceTokensFrom, type ServiceTokens } from "./service-auth.js";

export type Env = Record<string, string | undefined>;

export class ConfigError extends AppError {
  readonly problems: string[];
  constructor(service: string, problems: string[]) {
    super("config_invalid", `invalid ${service} configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export const portSchema = z.coerce.number().int().min(0).max(65_535);

/** What every service reads the same way. */
export const platformEnvShape = {
  HOST: z.string().min(1).default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_DB_CONNECT_TIMEOUT_MS),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(DEFAULT_DB_STATEMENT_TIMEOUT_MS),
  ...serviceTokensEnvShape,
};

export interface PlatformConfig {
  host: string;
  logLevel: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** A stop that takes longer than this ends the process anyway. */
  shutdownTimeoutMs: number;
  /** A database that does not connect or answer within these fails the request (503) instead of hanging it. */
  databaseTimeouts: { connectMs: number; statementMs: number };
  /** The callers' tokens this service accepts; its own token for outgoing calls is among them. */
  tokens: ServiceTokens;
}

const platformSchema = z.object(platformEnvShape);

/**
 * Parses `env` with `schema`; an empty variable (`X=`, as in stack.env.example copied verbatim) is unset. `checks`
 * add cross-field problems, reported together with the field errors.
 */
export function loadEnv<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Env,
  checks: (env: Env) => string[] = () => [],
): z.output<S> {
  const given = envWithoutBlanks(env);
  const parsed = schema.safeParse(given);
  const problems = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  problems.push(...checks(given));
  if (!parsed.success || problems.length > 0) throw new ConfigError(service, problems);
  return parsed.data;
}

/**
 * A service's configuration: the platform's variables and the service's own `shape`, parsed together so every problem
 * is reported at once.
 */
export function loadServiceEnv<S extends z.ZodRawShape>(
  service: string,
  shape: S,
  env: Env,
  checks?: (env: Env) => string[],
) {
  const values = loadEnv(service, z.object(shape).extend(platformEnvShape), env, checks);
  // Already validated above as part of the whole; parsed again for its own type.
  return { platform: platformConfigFrom(platformSchema.parse(envWithoutBlanks(env))), values };
}

function platformConfigFrom(values: z.output<typeof platformSchema>): PlatformConfig {
  return {
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    databaseUrl: values.DATABASE_URL,
    dataDir: values.DATA_DIR,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    databaseTimeouts: { connectMs: values.DB_CONNECT_TIMEOUT_MS, statementMs: values.DB_STATEMENT_TIMEOUT_MS },
    tokens: serviceTokensFrom(values),
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.join(".");
  return !key || issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
}

export function envWithoutBlanks(env: Env): Env {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "" && value !== undefined));
}
