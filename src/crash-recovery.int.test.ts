// kill -9 of the core mid-dialog: after a restart every dialog's next reply arrives within 5 s of the core being
// ready again, and no reply is lost or delivered twice (issue 18).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { deliverySchema } from "@wewall/shared";
import {
  asAdmin,
  closeServer,
  createTestDatabase,
  listenOnLoopback,
  NEEDS_POSTGRES,
  postgresServer,
  readBody,
  redisServer,
  spawnCore,
  type SpawnedCore,
  type TestDatabase,
} from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A channel connector that records what it acknowledged, or takes pushes and never answers (a slow connector, so
// the core holds leased replies when it dies).
function startConnector() {
  const acknowledged: { deliveryId: string; dialogId: string }[] = [];
  const stalled = new Set<ServerResponse>();
  let stalling = false;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void readBody(request).then((body) => {
      if (stalling) {
        stalled.add(response);
        return;
      }
      const delivery = deliverySchema.parse(JSON.parse(body));
      acknowledged.push({ deliveryId: delivery.deliveryId, dialogId: delivery.dialogId });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return {
    server,
    acknowledged,
    stalledCount: () => stalled.size,
    stall: () => (stalling = true),
    answer() {
      stalling = false;
      for (const response of stalled) response.destroy();
      stalled.clear();
    },
  };
}

let db: TestDatabase;
const connector = startConnector();
let connectorUrl = "";
let core: SpawnedCore | undefined;

beforeAll(async () => {
  if (!postgresServer) return;
  db = await createTestDatabase("wewall_crash");
  connectorUrl = await listenOnLoopback(connector.server);
}, 60_000);
afterAll(async () => {
  await core?.stop();
  connector.answer();
  await closeServer(connector.server);
  await db?.close();
});

const start = (withRedis: boolean) =>
  spawnCore({
    databaseUrl: db.url,
    channelUrls: `test=${connectorUrl}/deliveries`,
    env: withRedis ? { REDIS_URL: "redis://127.0.0.1:6379" } : {},
  });

async function say(url: string, dialogId: string, messageId: string, text: string): Promise<void> {
  const response = await fetch(`${url}/v1/dialogs/${dialogId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...asAdmin },
    body: JSON.stringify({ messageId, text }),
  });
  expect(response.status).toBe(202);
}

async function until(check: () => Promise<boolean> | boolean, deadline: number, what: string): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// With Redis the dead process's per-dialog locks are left behind too; without it only its outbox leases.
const variants = redisServer ? [true, false] : [false];

describe.skipIf(!postgresServer)(`kill -9 of the core${postgresServer ? "" : ` (${NEEDS_POSTGRES})`}`, () => {
  it.each(variants)(
    "answers every dialog within 5 s of being ready again (Redis: %s), losing and doubling nothing",
    async (withRedis) => {
      const dialogs = Array.from({ length: 5 }, (_, i) => `test:crash${withRedis ? "r" : "p"}${i}`);
      core = await start(withRedis);
      connector.stall();
      await Promise.all(dialogs.map((id) => say(core?.url ?? "", id, "1", "привет")));
      // Every dialog's first reply is in the dead process's hands, mid-push; the second queues behind it.
      await until(() => connector.stalledCount() >= dialogs.length, Date.now() + 30_000, "pushes to stall");
      await Promise.all(dialogs.map((id) => say(core?.url ?? "", id, "2", "хочу купить квартиру")));
      await new Promise((resolve) => setTimeout(resolve, 500));
      await core.kill();
      connector.answer();

      core = await start(withRedis);
      const readyAt = Date.now();
      await Promise.all(dialogs.map((id) => say(core?.url ?? "", id, "3", "двушку")));
      const settled = async () => {
        const { rows } = await db.pool.query<{ waiting: number; unacked: number }>(
          `SELECT (SELECT count(*) FROM inbox WHERE dialog_id = ANY($1) AND turn_id IS NULL) AS waiting,
           (SELECT count(*) FROM outbox WHERE dialog_id = ANY($1) AND status <> 'acked') AS unacked`,
          [dialogs],
        );
        return rows[0]?.waiting === 0 && rows[0].unacked === 0;
      };
      await until(settled, readyAt + 5_000, "every reply acknowledged within 5 s of ready");

      // Each reply written reached the connector once, in its dialog's order.
      const { rows } = await db.pool.query<{ delivery_id: string; dialog_id: string }>(
        "SELECT delivery_id, dialog_id FROM outbox WHERE dialog_id = ANY($1) ORDER BY id",
        [dialogs],
      );
      const byDialog = (list: { deliveryId: string; dialogId: string }[], id: string) =>
        list.filter((d) => d.dialogId === id).map((d) => d.deliveryId);
      const written = rows.map((row) => ({ deliveryId: row.delivery_id, dialogId: row.dialog_id }));
      for (const id of dialogs) {
        expect(byDialog(written, id).length).toBeGreaterThanOrEqual(2);
        expect(byDialog(connector.acknowledged, id)).toEqual(byDialog(written, id));
      }
      await core.stop();
    },
    120_000,
  );
});
