// The production smoke test's own settings: where PostgreSQL, Redis and the demo data are on this machine.
import { fileURLToPath } from "node:url";
import { z } from "zod";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface SmokeConfig {
  root: string;
  /** A database of this server is created for the run and dropped after it. */
  postgresAdminUrl: string;
  redisUrl: string;
  sharedDataDir: string;
}

export function loadSmokeConfig(env: Record<string, string | undefined> = process.env): SmokeConfig {
  const values = z
    .object({
      TEST_DATABASE_ADMIN_URL: z.url().default("postgres://postgres@127.0.0.1:5432/postgres"),
      // A Redis database of its own (index 9), so the run's locks and counters meet nobody else's.
      SMOKE_REDIS_URL: z.url().default("redis://127.0.0.1:6379/9"),
      SHARED_DATA_DIR: z.string().default(fileURLToPath(new URL("../../../shared/data", import.meta.url))),
    })
    .parse(env);
  return {
    root,
    postgresAdminUrl: values.TEST_DATABASE_ADMIN_URL,
    redisUrl: values.SMOKE_REDIS_URL,
    sharedDataDir: values.SHARED_DATA_DIR,
  };
}
