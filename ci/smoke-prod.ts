// `npm run smoke:prod`: the built services as production runs them, each its own process on real PostgreSQL and
// Redis, two core replicas, fake Telegram and amoCRM on loopback. A client's dialog goes from Telegram webhook to
// reply and amoCRM mirror while one core replica is killed; nothing may be lost or doubled; every service then
// stops on SIGTERM within its deadline. Exit code 0 when all holds.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "@wewall/test-support";
import { Redis } from "ioredis";
import pg from "pg";
import { startFakeAmoCrm } from "../services/chat-connector/src/testing/fake-amocrm.js";
import { startFakeTelegram } from "../services/telegram-bot/src/testing/fake-telegram.js";
import { bundleServices } from "./bundle-services.js";
import { loadSmokeConfig } from "./smoke/config.js";
import { startCoreBalancer } from "./smoke/core-balancer.js";
import { checkNothingLostOrDoubled, driveDialog } from "./smoke/drive-dialog.js";
import { makeSecrets, productionEnv, type SmokePorts } from "./smoke/production-env.js";
import { startServiceProcess, type ServiceProcess } from "./smoke/service-process.js";

const config = loadSmokeConfig();
const started = Date.now();
const step = (what: string) => console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(1)} s] ${what}`);
const CHANNEL = { channelId: "smoke-channel-0001", channelSecret: "5a44c5dff55f3c15a4cce8d7c4cc27e207c7e189" };
const LONG_LIVED = "smoke-long-lived-token";

const work = await mkdtemp(join(tmpdir(), "wewall-smoke-"));
const dbName = `wewall_smoke_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: config.postgresAdminUrl });
const processes: ServiceProcess[] = [];
let failed = false;

await bundleServices(config.root);
step("built dist/");
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const redis = new Redis(config.redisUrl);
await redis.flushdb();
const telegram = await startFakeTelegram();
const amo = await startFakeAmoCrm({ ...CHANNEL, longLivedToken: LONG_LIVED });
const ports: SmokePorts = {
  calculator: await freePort(),
  search: await freePort(),
  cores: [await freePort(), await freePort()],
  telegram: await freePort(),
  chatConnector: await freePort(),
  scheduler: await freePort(),
  externalApi: await freePort(),
};
const coreUrls = ports.cores.map((port) => `http://127.0.0.1:${port}`);
const balancer = await startCoreBalancer(coreUrls);
const secrets = makeSecrets();
const env = productionEnv(
  {
    root: config.root,
    dataDir: join(work, "data"),
    databaseUrl: config.postgresAdminUrl.replace(/\/[^/]*$/, `/${dbName}`),
    redisUrl: config.redisUrl,
    sharedDataDir: config.sharedDataDir,
    ports,
    coreUrl: balancer.url,
    telegramApiRoot: telegram.apiRoot,
    amo: { url: amo.url, ...CHANNEL, longLivedToken: LONG_LIVED },
  },
  secrets,
);
const start = (name: string, entry: string, port: number, extra: Record<string, string> = {}) => {
  const service = startServiceProcess({
    name,
    entry,
    port,
    root: config.root,
    logDir: work,
    env: { ...env, ...extra },
  });
  processes.push(service);
  return service;
};

try {
  // Both catalogue services start together on the empty database: one loads the demo catalogue, the other waits.
  const tools = [
    start("calculator", "calculator", ports.calculator),
    start("analog-search", "analog-search", ports.search),
  ];
  await Promise.all(tools.map((s) => s.waitReady(120_000)));
  step("calculator and analog-search ready (catalogue loaded on first start)");
  const cores = ports.cores.map((port, i) => start(`core-${i + 1}`, "core", port, { PORT: String(port) }));
  await Promise.all(cores.map((s) => s.waitReady(60_000)));
  step("two core replicas ready (migrations raced and ran once)");
  const connectors = [
    start("telegram-bot", "telegram-bot", ports.telegram),
    start("chat-connector", "chat-connector", ports.chatConnector),
    start("scheduler", "scheduler", ports.scheduler),
    start("external-api", "external-api", ports.externalApi),
  ];
  await Promise.all(connectors.map((s) => s.waitReady(60_000)));
  step("telegram-bot, chat-connector, scheduler and external-api ready");

  const dialog = await driveDialog({
    telegram,
    telegramUrl: `http://127.0.0.1:${ports.telegram}`,
    webhookSecret: secrets.TELEGRAM_WEBHOOK_SECRET,
    coreUrl: balancer.url,
    adminToken: secrets.ADMIN_TOKEN,
    // Mid-dialog: right after the client's confirmation reaches the core, before its turn runs.
    killAt: {
      message: 3,
      replica: async () => {
        const victim = cores.find((core) => core.url === balancer.lastMessageTo()) ?? cores[0];
        await victim?.kill();
        return victim?.name ?? "none";
      },
    },
    step,
  });
  await checkNothingLostOrDoubled(dialog, { telegram, amo, step });
  step(
    `dialog complete: ${dialog.client.length} client messages, ${dialog.bot.length} bot replies, none lost or doubled`,
  );

  // As in a rolling upgrade: the core replica stops first while the connectors still follow its event feed...
  const running = () => processes.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
  const stops = [];
  for (const core of running().filter((s) => s.name.startsWith("core-")))
    stops.push({ name: core.name, ...(await core.stop()) });
  // ...then everything else at once.
  stops.push(...(await Promise.all(running().map(async (s) => ({ name: s.name, ...(await s.stop()) })))));
  for (const stop of stops) step(`${stop.name} stopped on SIGTERM in ${stop.ms} ms (${stop.exit})`);
  const late = stops.filter((s) => s.exit !== "code 0" || s.ms > Number(env.SHUTDOWN_TIMEOUT_MS));
  if (late.length > 0) throw new Error(`not stopped cleanly within SHUTDOWN_TIMEOUT_MS: ${JSON.stringify(late)}`);
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  for (const service of processes)
    console.error(`--- ${service.name} (${service.logFile})\n${await service.logTail(15)}`);
} finally {
  await Promise.all(processes.map((s) => (s.child.exitCode === null && s.child.signalCode === null ? s.kill() : null)));
  await Promise.all([balancer.close(), telegram.close(), amo.close()]);
  await redis.flushdb();
  redis.disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  if (!failed) await rm(work, { recursive: true, force: true });
}
step(failed ? `FAILED (logs in ${work})` : "passed");
process.exitCode = failed ? 1 : 0;
