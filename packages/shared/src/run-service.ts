// Runs one service as its own process: configuration, logger, database, metrics, start, and a stop with a deadline.
import { randomBytes } from "node:crypto";
import closeWithGrace from "close-with-grace";
import { openDatabase, type Database } from "./database.js";
import { ConfigError, type Env, type PlatformConfig } from "./load-env.js";
import { createLogger, type Logger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics.js";

export interface ServiceDeps<C> {
  config: C;
  db: Database;
  logger: Logger;
  metrics: Metrics;
}

export interface StartedService {
  /** Stops taking work, lets what is in flight finish, releases what it holds (not the database). */
  close(): Promise<void>;
}

export interface ServiceModule<C extends PlatformConfig> {
  name: string;
  loadConfig(env: Env): C;
  /** Runs migrations, builds the app, listens, starts workers. */
  start(deps: ServiceDeps<C>): Promise<StartedService>;
  /** Work on the database before start (the catalogue services load the demo set into an empty embedded one). */
  prepare?(deps: ServiceDeps<C>): Promise<void>;
}

/** Generates ADMIN_TOKEN when the environment has none, so an operator can always call the API; printed once. */
export function withAdminToken(env: Env, announce: (token: string) => void): Env {
  if (env.ADMIN_TOKEN) return env;
  const token = randomBytes(24).toString("hex");
  announce(token);
  return { ...env, ADMIN_TOKEN: token };
}

export async function runService<C extends PlatformConfig>(module: ServiceModule<C>, given: Env): Promise<void> {
  let logger = createLogger(module.name);
  let config: C;
  try {
    const env = withAdminToken(given, (token) =>
      console.error(`ADMIN_TOKEN was not set; ${module.name} accepts this one until it stops: ${token}`),
    );
    config = module.loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.fatal({ problems: error.problems }, error.message);
    process.exitCode = 1;
    return;
  }
  logger = createLogger(module.name, config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.databaseTimeouts.connectMs,
    statementTimeoutMs: config.databaseTimeouts.statementMs,
  });
  const deps = { config, db, logger, metrics: createMetrics(module.name) };
  let service: StartedService | undefined;
  // A second signal, an uncaught error or the deadline ends the process at once (exit code 1).
  closeWithGrace({ delay: config.shutdownTimeoutMs, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, "stopping after an uncaught error");
    else logger.info({ signal }, "stopping");
    await service?.close();
    await db.close();
  });
  try {
    await module.prepare?.(deps);
    service = await module.start(deps);
  } catch (error) {
    logger.fatal({ err: error }, `${module.name} failed to start`);
    await db.close().catch(() => undefined);
    process.exit(1);
  }
}
