// Every WeWall service in one process on one database: what `npm start` and `npm run chat` run.
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { loadConfig as loadSearchConfig } from "@wewall/analog-search/config";
import { startService as startSearch } from "@wewall/analog-search/service";
import { loadConfig as loadCalculatorConfig } from "@wewall/calculator/config";
import { startService as startCalculator } from "@wewall/calculator/service";
import { loadConfig as loadConnectorConfig } from "@wewall/chat-connector/config";
import { startService as startConnector } from "@wewall/chat-connector/service";
import { loadConfig as loadExternalApiConfig } from "@wewall/external-api/config";
import { startService as startExternalApi } from "@wewall/external-api/service";
import { loadConfig as loadSchedulerConfig } from "@wewall/scheduler/config";
import { startService as startScheduler } from "@wewall/scheduler/service";
import { loadConfig as loadTelegramConfig } from "@wewall/telegram-bot/config";
import { startService as startTelegram } from "@wewall/telegram-bot/service";
import {
  createLogger,
  createMetrics,
  openDatabase,
  SERVICE_CALLERS,
  type Database,
  type Env,
  type HttpApp,
} from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService as startCore } from "./service.js";

export interface RunningSystem {
  db: Database;
  coreUrl: string;
  /** Every service of this process accepts it as a full-scope credential. */
  adminToken: string;
  /** Where the embedded database and the admin token live. */
  dataDir: string;
  /** A stop that takes longer ends the process anyway. */
  shutdownTimeoutMs: number;
  close(): Promise<void>;
}

/** Where `npm start` leaves its admin token for `npm run chat` and an operator's curl (readable by the owner only). */
export const adminTokenFile = (dataDir: string) => join(dataDir, "admin-token");

export async function startAll(given: Env): Promise<RunningSystem> {
  // The services share this process, so they share secrets nobody else knows; given ones are kept.
  const env: Env = { ...given };
  for (const { variable } of Object.values(SERVICE_CALLERS)) env[variable] ||= randomBytes(24).toString("hex");
  const adminToken = env.ADMIN_TOKEN ?? "";
  const withTelegram = Boolean(env.TELEGRAM_BOT_TOKEN);
  const withAmo = Boolean(env.AMOCRM_CHANNEL_ID);
  const host = env.HOST || "127.0.0.1";
  const telegramUrl = `http://${host}:${env.TELEGRAM_PORT || 3003}/v1/deliveries`;
  // The partner API acknowledges the bot's replies in partner dialogs (partners have them from the API already).
  const partnerUrl = `http://${host}:${env.EXTERNAL_API_PORT || 3006}/v1/deliveries`;
  const logger = createLogger("wewall", env.LOG_LEVEL || "info");
  const calculatorConfig = loadCalculatorConfig(env);
  const db = await openDatabase({ databaseUrl: calculatorConfig.databaseUrl, dataDir: calculatorConfig.dataDir });
  const closers: (() => Promise<void>)[] = [];
  try {
    if (!given.ADMIN_TOKEN) await keepAdminToken(calculatorConfig.dataDir, adminToken);
    const deps = (service: string) => ({ db, logger: logger.child({ service }), metrics: createMetrics(service) });
    const calculator = await startCalculator({ ...deps("calculator"), config: calculatorConfig });
    closers.push(calculator.close);
    const searchConfig = loadSearchConfig(env);
    await loadDemoCatalogueIfEmpty(db.pool, searchConfig.sharedDataDir, logger.child({ service: "catalogue" }));
    const search = await startSearch({ ...deps("analog-search"), config: searchConfig });
    closers.push(search.close);
    // The core follows the tools wherever they listen (a moved or an ephemeral port).
    const config = loadConfig({
      ...env,
      CALCULATOR_URL: env.CALCULATOR_URL || urlOf(calculator.app),
      SEARCH_URL: env.SEARCH_URL || urlOf(search.app),
      CHANNEL_URLS:
        env.CHANNEL_URLS ??
        [withTelegram ? `telegram=${telegramUrl}` : "", `partner=${partnerUrl}`].filter(Boolean).join(","),
    });
    const core = await startCore({ ...deps("core"), config });
    closers.push(core.close);
    // Follow-ups go through the core wherever it listens.
    const schedulerConfig = loadSchedulerConfig({ ...env, CORE_URL: env.CORE_URL || urlOf(core.app) });
    closers.push((await startScheduler({ ...deps("scheduler"), config: schedulerConfig })).close);
    // Partners reach the core, the calculator and the search wherever they listen.
    const externalApiConfig = loadExternalApiConfig({
      ...env,
      CORE_URL: env.CORE_URL || urlOf(core.app),
      CALCULATOR_URL: env.CALCULATOR_URL || urlOf(calculator.app),
      SEARCH_URL: env.SEARCH_URL || urlOf(search.app),
    });
    closers.push((await startExternalApi({ ...deps("external-api"), config: externalApiConfig })).close);
    if (withTelegram)
      closers.push((await startTelegram({ ...deps("telegram-bot"), config: loadTelegramConfig(env) })).close);
    if (withAmo)
      closers.push((await startConnector({ ...deps("chat-connector"), config: loadConnectorConfig(env) })).close);
    logger.info({ telegram: withTelegram, amocrm: withAmo, embedded: db.embedded }, "WeWall is up");
    return {
      db,
      coreUrl: urlOf(core.app),
      adminToken,
      dataDir: config.dataDir,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      async close() {
        for (const close of closers.reverse()) await close();
        await db.close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await db.close();
    throw error;
  }
}

function urlOf(app: HttpApp): string {
  const address = app.server.address();
  if (typeof address !== "object" || address === null) throw new Error("service is not listening");
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`;
}

async function keepAdminToken(dataDir: string, token: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(adminTokenFile(dataDir), `${token}\n`, { mode: 0o600 });
}
