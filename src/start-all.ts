// Every WeWall service in one process on one database: what `npm start` and `npm run chat` run.
import { randomBytes } from "node:crypto";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { loadConfig as loadSearchConfig } from "@wewall/analog-search/config";
import { startService as startSearch } from "@wewall/analog-search/service";
import { loadConfig as loadCalculatorConfig } from "@wewall/calculator/config";
import { startService as startCalculator } from "@wewall/calculator/service";
import { loadConfig as loadConnectorConfig } from "@wewall/chat-connector/config";
import { startService as startConnector } from "@wewall/chat-connector/service";
import { loadConfig as loadTelegramConfig } from "@wewall/telegram-bot/config";
import { startService as startTelegram } from "@wewall/telegram-bot/service";
import { createLogger, openDatabase, type Database } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService as startCore } from "./service.js";

export interface RunningSystem {
  db: Database;
  coreUrl: string;
  close(): Promise<void>;
}

export async function startAll(given: NodeJS.ProcessEnv): Promise<RunningSystem> {
  // The core and the bot share this process, so they can share a secret nobody else knows.
  const env: NodeJS.ProcessEnv = {
    ...given,
    DELIVERY_TOKEN: given.DELIVERY_TOKEN || randomBytes(24).toString("base64url"),
  };
  const withTelegram = Boolean(env.TELEGRAM_BOT_TOKEN);
  const withAmo = Boolean(env.AMOCRM_CHANNEL_ID);
  const host = env.HOST ?? "127.0.0.1";
  const telegramUrl = `http://${host}:${env.TELEGRAM_PORT ?? 3003}/v1/deliveries`;
  const config = loadConfig({
    ...env,
    CHANNEL_URLS: env.CHANNEL_URLS ?? (withTelegram ? `telegram=${telegramUrl}` : ""),
  });
  const logger = createLogger("wewall", config.logLevel);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const closers: (() => Promise<void>)[] = [];
  try {
    await loadDemoCatalogueIfEmpty(db.pool, config.sharedDataDir, logger.child({ service: "catalogue" }));
    const deps = (service: string) => ({ db, logger: logger.child({ service }) });
    closers.push((await startCalculator({ ...deps("calculator"), config: loadCalculatorConfig(env) })).close);
    closers.push((await startSearch({ ...deps("analog-search"), config: loadSearchConfig(env) })).close);
    const core = await startCore({ ...deps("core"), config });
    closers.push(core.close);
    if (withTelegram)
      closers.push((await startTelegram({ ...deps("telegram-bot"), config: loadTelegramConfig(env) })).close);
    if (withAmo)
      closers.push((await startConnector({ ...deps("chat-connector"), config: loadConnectorConfig(env) })).close);
    const address = core.app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    logger.info({ telegram: withTelegram, amocrm: withAmo, embedded: db.embedded }, "WeWall is up");
    return {
      db,
      coreUrl: `http://${config.host}:${port}`,
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
