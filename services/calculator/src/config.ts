// Calculator configuration: the only place that reads the environment.
import { z } from "zod";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  CALCULATOR_PORT: z.coerce.number().int().min(1).max(65_535).default(3001),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  DATA_DIR: z.string().min(1).default("./data"),
  SHARED_DATA_DIR: z.string().min(1).default("../shared/data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface CalculatorConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sharedDataDir: string;
  logLevel: string;
}

export function loadConfig(env: Record<string, string | undefined>): CalculatorConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // every problem at once, so a misconfigured deployment is fixed in one go
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`invalid calculator configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.CALCULATOR_PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sharedDataDir: e.SHARED_DATA_DIR,
    logLevel: e.LOG_LEVEL,
  };
}
