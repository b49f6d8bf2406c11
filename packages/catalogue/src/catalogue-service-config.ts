// Configuration of the services that read the catalogue (calculator, analog-search): the same settings but the port.
import { envWithoutBlanks } from "@wewall/shared";
import { z } from "zod";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  DATA_DIR: z.string().min(1).default("./data"),
  SHARED_DATA_DIR: z.string().min(1).default("../shared/data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface CatalogueServiceConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sharedDataDir: string;
  logLevel: string;
}

export interface CatalogueServiceIdentity {
  service: string;
  portVariable: string;
  defaultPort: number;
}

export function loadCatalogueServiceConfig(
  env: Record<string, string | undefined>,
  identity: CatalogueServiceIdentity,
): CatalogueServiceConfig {
  const parsed = envSchema.safeParse({
    ...envWithoutBlanks(env),
    PORT: env[identity.portVariable] || String(identity.defaultPort),
  });
  if (!parsed.success) {
    // every problem at once, so a misconfigured deployment is fixed in one go
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".").replace("PORT", identity.portVariable)}: ${issue.message}`)
      .join("; ");
    throw new Error(`invalid ${identity.service} configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    sharedDataDir: e.SHARED_DATA_DIR,
    logLevel: e.LOG_LEVEL,
  };
}
