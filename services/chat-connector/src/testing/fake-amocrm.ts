// A fake amoCRM on loopback: Chats API (verifies Content-MD5, Date, X-Signature), API v4 (bearer, 7 req/s), OAuth.
import { portOf } from "@wewall/test-support";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { hmacSha1Hex, md5Hex, signRequest } from "../amojo/sign-request.js";

export interface FakeAmoCrmOptions {
  channelId: string;
  channelSecret: string;
  amojoAccountId?: string;
  rateLimit?: number;
  longLivedToken?: string;
  oauth?: { clientId: string; clientSecret: string; redirectUri: string; authCode: string; accessTtlSec?: number };
}

export interface RecordedCall {
  api: "amojo" | "v4" | "oauth";
  method: string;
  path: string;
  body: unknown;
  status: number;
  at: number;
}

interface Entity {
  id: number;
  [key: string]: unknown;
}

const json = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export type FakeAmoCrm = Awaited<ReturnType<typeof startFakeAmoCrm>>;

export async function startFakeAmoCrm(options: FakeAmoCrmOptions) {
  const amojoAccountId = options.amojoAccountId ?? "af9945ff-1490-4cad-807d-945c15d88bec";
  const rateLimit = options.rateLimit ?? 7;
  const calls: RecordedCall[] = [];
  const accepted: number[] = [];
  const faults: Array<{ status: number; api?: RecordedCall["api"]; path?: RegExp }> = [];
  // What connect answers; a reinstall may hand out another one.
  let scopeId = `${options.channelId}_${amojoAccountId}`;
  const state = {
    down: false,
    delayMs: 0,
    maxPerSecond: 0,
    rejected429: 0,
    badSignatures: 0,
    accessTokens: new Set<string>(options.longLivedToken ? [options.longLivedToken] : []),
    refreshTokens: new Set<string>(),
    authCodeUsed: false,
    scopes: new Set<string>(),
    // The answer to a call on a scope that is not connected (after a reinstall, before connecting again).
    unknownScopeStatus: 404,
    chats: new Map<string, string>(),
    messages: new Map<string, Record<string, unknown>>(),
    messageOrder: [] as string[],
    deliveryStatuses: [] as Array<Record<string, unknown>>,
    contacts: new Map<number, Entity>(),
    leads: new Map<number, Entity>(),
    notes: [] as Array<Record<string, unknown>>,
    chatLinks: [] as Array<Record<string, unknown>>,
  };
  let nextId = 1000;

  function issueTokens() {
    const access = `at-${randomUUID()}`;
    const refresh = `rt-${randomUUID()}`;
    state.accessTokens.add(access);
    state.refreshTokens.add(refresh);
    return {
      token_type: "Bearer",
      expires_in: options.oauth?.accessTtlSec ?? 86_400,
      access_token: access,
      refresh_token: refresh,
    };
  }

  // Sliding one-second window over accepted requests, as an account-wide limit.
  function overLimit(now: number): boolean {
    while (accepted.length && (accepted[0] ?? 0) <= now - 1000) accepted.shift();
    if (accepted.length >= rateLimit) return true;
    accepted.push(now);
    state.maxPerSecond = Math.max(state.maxPerSecond, accepted.length);
    return false;
  }

  function amojo(req: IncomingMessage, raw: string, path: string, body: unknown): [number, unknown] {
    const header = (name: string) => (typeof req.headers[name] === "string" ? String(req.headers[name]) : "");
    const date = Date.parse(header("date"));
    const expected = signRequest({
      secret: options.channelSecret,
      method: req.method ?? "",
      path,
      body: raw,
      date: header("date"),
    });
    if (header("content-type") !== "application/json") return [400, { error: "content-type" }];
    if (header("content-md5") !== md5Hex(raw)) return [400, { error: "content-md5 mismatch" }];
    if (Number.isNaN(date) || Math.abs(Date.now() - date) > 15 * 60_000) return [400, { error: "date" }];
    if (header("x-signature") !== expected["X-Signature"]) {
      state.badSignatures++;
      return [403, { error: "signature" }];
    }
    const parts = path.split("/").slice(4);
    const b = isRecord(body) ? body : {};
    if (parts[0] === options.channelId && parts[1] === "connect") {
      if (b.account_id !== amojoAccountId) return [400, { error: "unknown account" }];
      state.scopes.add(scopeId);
      return [200, { account_id: b.account_id, scope_id: scopeId, title: b.title, hook_api_version: "v2" }];
    }
    const scope = parts[0] ?? "";
    if (!state.scopes.has(scope)) return [state.unknownScopeStatus, { error: "scope not connected" }];
    if (parts[1] === "chats") {
      const conversation = String(b.conversation_id);
      const id = state.chats.get(conversation) ?? randomUUID();
      state.chats.set(conversation, id);
      return [200, { id, user: b.user }];
    }
    if (parts.length === 1 && b.event_type === "new_message" && isRecord(b.payload)) {
      const msgid = String(b.payload.msgid);
      // amojo keys messages by msgid: a resend is not a second message.
      if (!state.messages.has(msgid)) state.messageOrder.push(msgid);
      state.messages.set(msgid, b.payload);
      return [200, { new_message: { conversation_id: b.payload.conversation_id, msgid } }];
    }
    if (parts[2] === "delivery_status") {
      state.deliveryStatuses.push(b);
      return [200, {}];
    }
    return [404, { error: "no such amojo route" }];
  }

  function v4(req: IncomingMessage, url: URL, body: unknown): [number, unknown] {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!state.accessTokens.has(token)) return [401, { title: "Unauthorized" }];
    const route = `${req.method} ${url.pathname}`;
    const items = asArray(body).filter(isRecord);
    const create = (store: Map<number, Entity>, key: string) => {
      const created = items.map((item) => {
        const entity = { ...item, id: nextId++ };
        store.set(entity.id, entity);
        return { id: entity.id };
      });
      return [200, { _embedded: { [key]: created } }] as [number, unknown];
    };
    const patch = (store: Map<number, Entity>, key: string) => {
      for (const item of items) {
        const current = store.get(Number(item.id));
        if (!current) return [400, { title: `no ${key} ${String(item.id)}` }] as [number, unknown];
        store.set(current.id, { ...current, ...item, id: current.id });
      }
      return [200, { _embedded: { [key]: items.map((i) => ({ id: i.id })) } }] as [number, unknown];
    };
    switch (route) {
      case "GET /api/v4/account":
        return [200, { id: 1, amojo_id: amojoAccountId }];
      case "GET /api/v4/contacts": {
        const query = url.searchParams.get("query") ?? "";
        const found = [...state.contacts.values()].filter((c) =>
          JSON.stringify(c.custom_fields_values ?? []).includes(JSON.stringify(query)),
        );
        return found.length
          ? [200, { _embedded: { contacts: found.map((c) => ({ id: c.id, name: c.name })) } }]
          : [204, undefined];
      }
      case "POST /api/v4/contacts":
        return create(state.contacts, "contacts");
      case "PATCH /api/v4/contacts":
        return patch(state.contacts, "contacts");
      case "POST /api/v4/leads":
        return create(state.leads, "leads");
      case "PATCH /api/v4/leads":
        return patch(state.leads, "leads");
      case "POST /api/v4/leads/notes":
        state.notes.push(...items);
        return [200, { _embedded: { notes: items.map(() => ({ id: nextId++ })) } }];
      case "POST /api/v4/contacts/chats":
        state.chatLinks.push(...items);
        return [200, { _embedded: { chats: items } }];
    }
    return [404, { title: "no such v4 route" }];
  }

  function oauth(body: unknown): [number, unknown] {
    const o = options.oauth;
    const b = isRecord(body) ? body : {};
    if (!o || b.client_id !== o.clientId || b.client_secret !== o.clientSecret || b.redirect_uri !== o.redirectUri)
      return [400, { hint: "bad client" }];
    if (b.grant_type === "authorization_code") {
      if (b.code !== o.authCode || state.authCodeUsed) return [400, { hint: "code used or wrong" }];
      state.authCodeUsed = true;
      return [200, issueTokens()];
    }
    if (b.grant_type === "refresh_token" && typeof b.refresh_token === "string") {
      // Single-use: a second refresh with the same token fails, as in amoCRM.
      if (!state.refreshTokens.delete(b.refresh_token)) return [400, { hint: "refresh token revoked" }];
      return [200, issueTokens()];
    }
    return [400, { hint: "grant" }];
  }

  const server = createServer((req, res) => {
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url ?? "/", "http://fake");
        const api: RecordedCall["api"] = url.pathname.startsWith("/v2/origin/custom/")
          ? "amojo"
          : url.pathname.startsWith("/oauth2")
            ? "oauth"
            : "v4";
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = raw;
        }
        if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
        let answer: [number, unknown];
        const faultAt = faults.findIndex((f) => (!f.api || f.api === api) && (!f.path || f.path.test(url.pathname)));
        if (state.down) answer = [503, { title: "Service Unavailable" }];
        else if (faultAt >= 0) answer = [faults.splice(faultAt, 1)[0]?.status ?? 500, { title: "injected" }];
        else if (api !== "oauth" && overLimit(arrived)) {
          state.rejected429++;
          answer = [429, { title: "Too Many Requests" }];
        } else if (api === "amojo") answer = amojo(req, raw, url.pathname, body);
        else if (api === "oauth") answer = oauth(body);
        else answer = v4(req, url, body);
        calls.push({
          api,
          method: req.method ?? "",
          path: url.pathname + url.search,
          body,
          status: answer[0],
          at: arrived,
        });
        json(res, answer[0], answer[1], answer[0] === 429 ? { "retry-after": "1" } : {});
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${portOf(server.address())}`;

  return {
    url,
    calls,
    state,
    get scopeId() {
      return scopeId;
    },
    // `path`: only calls whose path matches fail.
    failNext(count: number, status: number, api?: RecordedCall["api"], path?: RegExp) {
      for (let i = 0; i < count; i++) faults.push({ status, ...(api ? { api } : {}), ...(path ? { path } : {}) });
    },
    // The account disconnects and reinstalls the integration: the old scope is refused (with `status`) until the
    // channel is connected again, which may answer with another scope id.
    reinstall(options: { status: number; newScopeId?: string }) {
      state.scopes.clear();
      state.unknownScopeStatus = options.status;
      if (options.newScopeId) scopeId = options.newScopeId;
    },
    revokeAccessTokens() {
      state.accessTokens = new Set(options.longLivedToken ? [options.longLivedToken] : []);
    },
    // What amoCRM sends to the channel's webhook URL: the raw JSON and its signature.
    signWebhook(body: unknown): { raw: string; signature: string } {
      const raw = JSON.stringify(body);
      return { raw, signature: hmacSha1Hex(options.channelSecret, raw) };
    },
    messagesOf(conversationId: string) {
      return state.messageOrder
        .map((id) => state.messages.get(id))
        .filter((m): m is Record<string, unknown> => m?.conversation_id === conversationId);
    },
    // [silent, text] of each message in a chat, in the order amoCRM received them.
    textsOf(conversationId: string): Array<[boolean, string]> {
      return this.messagesOf(conversationId).map((m) => [
        m.silent === true,
        isRecord(m.message) ? String(m.message.text) : "",
      ]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
