// OAuth against the fake amoCRM and real PostgreSQL: one code exchange, refresh before expiry, no lost refresh token.
import { createLogger, runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../migrations.js";
import { startFakeAmoCrm, type FakeAmoCrm } from "../testing/fake-amocrm.js";
import { CHANNEL } from "../testing/start-harness.js";
import { createAmoCrmClient } from "./create-amocrm-client.js";
import { createTokenProvider } from "./create-token-provider.js";

const oauth = {
  clientId: "client",
  clientSecret: "s3cret",
  redirectUri: "https://wewall.example/oauth",
  authCode: "code-1",
};
let db: TestDatabase;
let amo: FakeAmoCrm;
const logger = createLogger("oauth-test", "silent");
const provider = () =>
  createTokenProvider({
    pool: db.pool,
    auth: { kind: "oauth", ...oauth },
    baseUrl: amo.url,
    logger,
    refreshMarginMs: 60_000,
  });
const oauthCalls = () => amo.calls.filter((c) => c.api === "oauth");

beforeAll(async () => {
  db = await createTestDatabase("chatconn_oauth");
  await runMigrations(db.pool, "chat-connector", migrations);
  amo = await startFakeAmoCrm({ ...CHANNEL, oauth });
});
afterAll(async () => {
  await amo?.close();
  await db?.close();
});

describe("OAuth token provider", () => {
  it("exchanges the authorization code once, even when two processes start together", async () => {
    const [a, b] = [provider(), provider()];
    await Promise.all([a.init(), b.init()]);
    expect(oauthCalls().filter((c) => c.status === 200)).toHaveLength(1);
    expect(await a.get()).toBe(await b.get());
    await provider().init();
    expect(oauthCalls().filter((c) => c.status === 200)).toHaveLength(1);
  });

  it("refreshes before expiry; two processes racing keep one valid refresh token", async () => {
    await db.pool.query("UPDATE amo_oauth SET expires_at = now() + interval '10 seconds'");
    const [a, b] = [provider(), provider()];
    const [ta, tb] = await Promise.all([a.get(), b.get()]);
    expect(ta).toBe(tb);
    const refreshes = oauthCalls().filter((c) => JSON.stringify(c.body).includes('"refresh_token"'));
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.status).toBe(200);
    const stored = await db.pool.query("SELECT refresh_token, expires_at FROM amo_oauth");
    // The stored refresh token is the one amoCRM will accept next time.
    expect(amo.state.refreshTokens.has(stored.rows[0].refresh_token)).toBe(true);
    expect(stored.rows[0].expires_at.getTime()).toBeGreaterThan(Date.now() + 3_600_000);
  });

  it("a stale process that loses the race adopts the winner's pair instead of overwriting it", async () => {
    const stale = provider();
    await stale.get();
    const failedBefore = oauthCalls().filter((c) => c.status !== 200).length;
    await db.pool.query("UPDATE amo_oauth SET expires_at = now() + interval '10 seconds'");
    const winner = provider();
    const fresh = await winner.get();
    // `stale` still caches the old pair; a 401 makes it re-read rather than spend the used refresh token.
    stale.invalidate(await stale.get());
    expect(await stale.get()).toBe(fresh);
    expect(oauthCalls().filter((c) => c.status !== 200)).toHaveLength(failedBefore);
  });

  it("refreshes and retries once when amoCRM answers 401", async () => {
    const tokens = provider();
    const client = createAmoCrmClient({ baseUrl: amo.url, tokens });
    amo.revokeAccessTokens();
    expect(await client.amojoAccountId()).toBe("af9945ff-1490-4cad-807d-945c15d88bec");
    const statuses = amo.calls.filter((c) => c.path.startsWith("/api/v4/account")).map((c) => c.status);
    expect(statuses).toEqual([401, 200]);
  });
});
