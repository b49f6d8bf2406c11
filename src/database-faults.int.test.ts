// A frozen or unreachable database: requests fail fast with 503 and Retry-After, /ready says so within a second,
// and the core serves again by itself when the database answers, having lost nothing it accepted.
import { openDatabase, type Database } from "@wewall/shared";
import {
  asAdmin,
  createTestDatabase,
  postgresServer,
  startPausableTcpProxy,
  type PausableTcpProxy,
  type TestDatabase,
} from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let direct: TestDatabase;
let proxy: PausableTcpProxy;
let proxied: Database;
let core: TestCore;

beforeAll(async () => {
  if (!postgresServer) return;
  direct = await createTestDatabase("wewall_dbfault");
  const target = new URL(direct.url);
  proxy = await startPausableTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  target.port = String(proxy.port);
  // Short bounds, so the test sees them: the client gives up on a statement 1 s after the server's 1 s.
  proxied = await openDatabase({
    databaseUrl: target.toString(),
    dataDir: "unused",
    connectTimeoutMs: 500,
    statementTimeoutMs: 1000,
  });
  core = await startTestCore({}, proxied);
});
afterAll(async () => {
  proxy?.resume();
  await core?.close();
  await proxied?.close();
  await proxy?.close();
  await direct?.close();
});

const send = (dialogId: string, payload: unknown, wait = false) =>
  core.service.app.inject({
    method: "POST",
    url: `/v1/dialogs/${dialogId}/messages${wait ? "?wait=true" : ""}`,
    headers: { "content-type": "application/json", ...asAdmin },
    payload: JSON.stringify(payload),
  });
const ready = () => core.service.app.inject({ method: "GET", url: "/ready" });

describe.skipIf(!postgresServer)("a frozen database", () => {
  it("fails requests fast with 503 and Retry-After, and serves again when it answers", async () => {
    const id = "test:frozen";
    expect((await send(id, { messageId: "1", text: "привет" }, true)).statusCode).toBe(200);

    proxy.pause();
    const startedAt = Date.now();
    const refused = await send(id, { messageId: "2", text: "хочу купить квартиру" });
    expect(Date.now() - startedAt).toBeLessThan(2_800);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe("2");
    expect(refused.json()).toMatchObject({ error: "database_unavailable" });

    const probedAt = Date.now();
    expect((await ready()).statusCode).toBe(503);
    expect(Date.now() - probedAt).toBeLessThan(1_000);

    proxy.resume();
    const resumedAt = Date.now();
    // The connector sends the refused message again. The first try may have reached the server after all (its bytes
    // waited in the stalled connection): then the retry is a repeat, and the core answers it at once all the same.
    const resend = () => send(id, { messageId: "2", text: "хочу купить квартиру" }, true);
    let retried = await resend();
    while (retried.statusCode === 503 && Date.now() < resumedAt + 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      retried = await resend();
    }
    expect(retried.statusCode).toBe(200);
    expect(retried.json().replies.length).toBeGreaterThan(0);
    expect(Date.now() - resumedAt).toBeLessThan(5_000);
    expect((await ready()).statusCode).toBe(200);
    const answered = async () =>
      (
        await direct.pool.query<{ taken: number; all: number; replies: number }>(
          `SELECT count(*) FILTER (WHERE turn_id IS NOT NULL) AS taken, count(*) AS all,
             (SELECT count(*) FROM outbox WHERE dialog_id = $1) AS replies
           FROM inbox WHERE dialog_id = $1`,
          [id],
        )
      ).rows[0];
    await expect.poll(answered, { timeout: 10_000, interval: 200 }).toEqual({ taken: 2, all: 2, replies: 2 });
  });
});
