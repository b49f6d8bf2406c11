// OAuth 2.0 tokens for API v4, kept in PostgreSQL: code exchanged once, refreshed before expiry under a lease.
import type pg from "pg";
import { z } from "zod";
import { sleep, type Logger } from "@wewall/shared";
import { AmoError, errorFromStatus } from "../amo-error.js";
import type { OAuthSettings } from "../config.js";
import type { TokenProvider } from "./create-amocrm-client.js";

export interface TokenProviderDeps {
  pool: pg.Pool;
  auth: OAuthSettings;
  baseUrl: string;
  logger: Logger;
  account?: string;
  // Refresh this long before expiry so no request ever carries a token that dies on the way.
  refreshMarginMs?: number;
  beforeRequest?: () => Promise<void>;
}

interface StoredTokens {
  access: string;
  refresh: string;
  expiresAt: number;
}

const tokenAnswer = z.object({ access_token: z.string(), refresh_token: z.string(), expires_in: z.number() });
const LEASE_SECONDS = 30;

export function createTokenProvider(deps: TokenProviderDeps): TokenProvider & { init(): Promise<void> } {
  const account = deps.account ?? "default";
  const margin = deps.refreshMarginMs ?? 5 * 60_000;
  let cached: StoredTokens | undefined;
  let refreshing: Promise<StoredTokens> | undefined;

  async function read(): Promise<StoredTokens | undefined> {
    const { rows } = await deps.pool.query<{ access_token: string; refresh_token: string; expires_at: Date }>(
      "SELECT access_token, refresh_token, expires_at FROM amo_oauth WHERE account = $1",
      [account],
    );
    const row = rows[0];
    return row && { access: row.access_token, refresh: row.refresh_token, expiresAt: row.expires_at.getTime() };
  }

  async function grant(body: Record<string, string>): Promise<StoredTokens> {
    if (deps.auth.kind !== "oauth")
      throw new AmoError("amocrm_unauthorized", "no OAuth settings", { retryable: false });
    await deps.beforeRequest?.();
    const payload = {
      client_id: deps.auth.clientId,
      client_secret: deps.auth.clientSecret,
      redirect_uri: deps.auth.redirectUri,
      ...body,
    };
    let response: Response;
    try {
      response = await fetch(`${deps.baseUrl}/oauth2/access_token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new AmoError("amocrm_network", "oauth: network", { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw errorFromStatus(response.status, `oauth ${body.grant_type}`, text, null);
    const parsed = tokenAnswer.safeParse(JSON.parse(text));
    if (!parsed.success) throw new AmoError("amocrm_bad_answer", "oauth: unexpected answer", { retryable: false });
    const t = parsed.data;
    return { access: t.access_token, refresh: t.refresh_token, expiresAt: Date.now() + t.expires_in * 1000 };
  }

  async function refresh(stale: StoredTokens): Promise<StoredTokens> {
    for (let tries = 0; tries < 100; tries++) {
      const current = await read();
      if (!current) throw new AmoError("amocrm_unauthorized", "oauth tokens disappeared", { retryable: false });
      // Another process already refreshed: use its pair.
      if (current.refresh !== stale.refresh) return current;
      // The lease makes exactly one process spend the single-use refresh token.
      const claim = await deps.pool.query(
        `UPDATE amo_oauth SET refreshing_until = now() + make_interval(secs => $3)
          WHERE account = $1 AND refresh_token = $2 AND (refreshing_until IS NULL OR refreshing_until < now())`,
        [account, stale.refresh, LEASE_SECONDS],
      );
      if (claim.rowCount === 1) {
        let fresh: StoredTokens;
        try {
          fresh = await grant({ grant_type: "refresh_token", refresh_token: stale.refresh });
        } catch (error) {
          await deps.pool.query("UPDATE amo_oauth SET refreshing_until = NULL WHERE account = $1", [account]);
          throw error;
        }
        // Compare-and-swap on the old refresh token: a stale writer can never overwrite a newer pair.
        const stored = await deps.pool.query(
          `UPDATE amo_oauth SET access_token = $3, refresh_token = $4, expires_at = $5, refreshing_until = NULL, updated_at = now()
            WHERE account = $1 AND refresh_token = $2`,
          [account, stale.refresh, fresh.access, fresh.refresh, new Date(fresh.expiresAt)],
        );
        if (stored.rowCount !== 1) deps.logger.error({ account }, "oauth refresh lost a compare-and-swap");
        deps.logger.info({ account, expiresAt: new Date(fresh.expiresAt).toISOString() }, "oauth tokens refreshed");
        return fresh;
      }
      await sleep(100);
    }
    throw new AmoError("amocrm_unauthorized", "oauth refresh: another process holds the lease too long");
  }

  return {
    async init() {
      if (deps.auth.kind !== "oauth") return;
      cached = await read();
      if (cached) return;
      if (!deps.auth.authCode)
        throw new AmoError("amocrm_unauthorized", "no stored OAuth tokens and AMOCRM_AUTH_CODE is not set", {
          retryable: false,
        });
      let fresh: StoredTokens;
      try {
        fresh = await grant({ grant_type: "authorization_code", code: deps.auth.authCode });
      } catch (error) {
        // A code is single-use: when another process starting alongside spent it, adopt the pair it stores.
        for (let tries = 0; tries < 50 && !cached; tries++) {
          await sleep(100);
          cached = await read();
        }
        if (cached) return;
        throw error;
      }
      await deps.pool.query(
        `INSERT INTO amo_oauth (account, access_token, refresh_token, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (account) DO NOTHING`,
        [account, fresh.access, fresh.refresh, new Date(fresh.expiresAt)],
      );
      cached = await read();
      deps.logger.info({ account }, "oauth authorization code exchanged");
    },
    async get() {
      if (deps.auth.kind === "long-lived") return deps.auth.token;
      if (!cached) cached = await read();
      if (!cached) throw new AmoError("amocrm_unauthorized", "no OAuth tokens stored", { retryable: false });
      if (cached.expiresAt - Date.now() > margin) return cached.access;
      const stale = cached;
      refreshing ??= refresh(stale).finally(() => {
        refreshing = undefined;
      });
      cached = await refreshing;
      return cached.access;
    },
    invalidate(token) {
      if (cached?.access === token) cached = { ...cached, expiresAt: 0 };
    },
  };
}
