// The partner API against the real core on real PostgreSQL: keys, isolation, idempotency, limits, lead callbacks.
import { Webhook } from "standardwebhooks";
import { asCore, expectEveryRouteGuarded, NEEDS_POSTGRES, postgresServer, redisServer } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIdempotencyStore, requestHash } from "./idempotency-store.js";
import { runPartnersCommand } from "./partners-command.js";
import type { ExternalApiService } from "./service.js";
import { startPartnerBed, type PartnerBed } from "./testing/start-partner-bed.js";

let bed: PartnerBed;
let api: ExternalApiService;
let acme: { key: string; callbackSecret: string };
let rival: { key: string; callbackSecret: string };

beforeAll(async () => {
  if (!postgresServer) return;
  bed = await startPartnerBed();
  api = await bed.startApi();
  acme = await api.keys.add({
    partnerId: "acme",
    scopes: ["dialogs", "valuations", "search", "leads"],
    callbackUrl: `${bed.partner.url}/hooks`,
  });
  rival = await api.keys.add({ partnerId: "rival", scopes: ["dialogs", "valuations", "search", "leads"] });
}, 120_000);
afterAll(async () => bed?.close());

const as = (key: string) => ({ authorization: `Bearer ${key}` });

async function say(key: string, userId: string, text: string) {
  const response = await api.app.inject({
    method: "POST",
    url: `/partner/v1/dialogs/${userId}/messages?wait=true`,
    headers: as(key),
    payload: { text },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body: { replies: { text: string }[] } = response.json();
  return body.replies;
}

const valuationRequest = { dealType: "sale", propertyType: "flat", rooms: 2, area: 50, metro: "Таганская" };

// The spawned core and this process share the database: embedded PGlite serves one connection (NEEDS_POSTGRES).
describe.skipIf(!postgresServer)(`partner API${postgresServer ? "" : ` (${NEEDS_POSTGRES})`}`, () => {
  it("lets a partner talk to the bot and read the dialog, and keeps other partners out of it", async () => {
    const greeting = await say(acme.key, "u1", "привет");
    expect(greeting[0]?.text).toMatch(/Здравствуйте/);
    const view = await api.app.inject({ method: "GET", url: "/partner/v1/dialogs/u1", headers: as(acme.key) });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ owner: "bot" });
    const transcript = await api.app.inject({
      method: "GET",
      url: "/partner/v1/dialogs/u1/transcript",
      headers: as(acme.key),
    });
    expect(transcript.json().entries.length).toBeGreaterThanOrEqual(2);

    // The same user id under another partner is another dialog, which does not exist.
    for (const url of ["/partner/v1/dialogs/u1", "/partner/v1/dialogs/u1/transcript"]) {
      const other = await api.app.inject({ method: "GET", url, headers: as(rival.key) });
      expect(other.statusCode, url).toBe(404);
    }
    const async = await api.app.inject({
      method: "POST",
      url: "/partner/v1/dialogs/u1/messages",
      headers: as(rival.key),
      payload: { text: "привет" },
    });
    expect(async.statusCode).toBe(202);
    const mine = await api.app.inject({
      method: "GET",
      url: "/partner/v1/dialogs/u1/transcript",
      headers: as(acme.key),
    });
    expect(mine.json().entries).toHaveLength(transcript.json().entries.length);
  }, 60_000);

  it("hands a dialog to a manager", async () => {
    await say(acme.key, "u2", "привет");
    const handoff = await api.app.inject({
      method: "POST",
      url: "/partner/v1/dialogs/u2/handoff",
      headers: as(acme.key),
      payload: {},
    });
    expect(handoff.statusCode, handoff.body).toBe(200);
    const view = await api.app.inject({ method: "GET", url: "/partner/v1/dialogs/u2", headers: as(acme.key) });
    expect(view.json()).toMatchObject({ owner: "manager" });
  }, 60_000);

  it("refuses a missing, wrong or revoked key with 401 and a missing scope with 403", async () => {
    const url = "/partner/v1/dialogs/u1";
    expect((await api.app.inject({ method: "GET", url })).statusCode).toBe(401);
    expect((await api.app.inject({ method: "GET", url, headers: as(`${acme.key.slice(0, -1)}x`) })).statusCode).toBe(
      401,
    );
    const temporary = await api.keys.add({ partnerId: "acme", scopes: ["dialogs"] });
    expect((await api.app.inject({ method: "GET", url, headers: as(temporary.key) })).statusCode).toBe(200);
    const [, keyId] = temporary.key.split("_");
    expect(await api.keys.revoke(keyId ?? "")).toBe(true);
    const revoked = await api.app.inject({ method: "GET", url, headers: as(temporary.key) });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ error: "unauthorized" });

    const searchOnly = await api.keys.add({ partnerId: "acme", scopes: ["search"] });
    const refused = await api.app.inject({
      method: "POST",
      url: "/partner/v1/valuations",
      headers: as(searchOnly.key),
      payload: valuationRequest,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: "forbidden" });
    const search = await api.app.inject({
      method: "POST",
      url: "/partner/v1/search",
      headers: as(searchOnly.key),
      payload: { dealType: "sale", propertyType: "flat" },
    });
    expect(search.statusCode, search.body).toBe(200);
  });

  it("answers bad input with a 400 naming the field", async () => {
    const response = await api.app.inject({
      method: "POST",
      url: "/partner/v1/valuations",
      headers: as(acme.key),
      payload: { ...valuationRequest, rooms: -1 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/rooms/);
  });

  it("replays a POST with the same Idempotency-Key and refuses the key with another body", async () => {
    const before = bed.tools.calls.filter((call) => call.url === "/v1/valuations").length;
    const send = (payload: Record<string, unknown>) =>
      api.app.inject({
        method: "POST",
        url: "/partner/v1/valuations",
        headers: { ...as(acme.key), "idempotency-key": "val-1" },
        payload,
      });
    const first = await send(valuationRequest);
    expect(first.statusCode, first.body).toBe(200);
    const again = await send(valuationRequest);
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(bed.tools.calls.filter((call) => call.url === "/v1/valuations").length).toBe(before + 1);
    const other = await send({ ...valuationRequest, rooms: 3 });
    expect(other.statusCode).toBe(422);
    // The other partner's same key is its own.
    const rivals = await api.app.inject({
      method: "POST",
      url: "/partner/v1/valuations",
      headers: { ...as(rival.key), "idempotency-key": "val-1" },
      payload: { ...valuationRequest, rooms: 3 },
    });
    expect(rivals.statusCode).toBe(200);
  });

  it("replays a message sent twice with one Idempotency-Key without a second turn", async () => {
    const send = () =>
      api.app.inject({
        method: "POST",
        url: "/partner/v1/dialogs/idem/messages?wait=true",
        headers: { ...as(acme.key), "idempotency-key": "msg-1" },
        payload: { text: "привет" },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    const transcript = await api.app.inject({
      method: "GET",
      url: "/partner/v1/dialogs/idem/transcript",
      headers: as(acme.key),
    });
    const entries: { direction?: string; author?: string }[] = transcript.json().entries;
    expect(entries.length).toBe(1 + first.json().replies.length);
  }, 60_000);

  it("answers 409 to a duplicate of a request still running, and redoes one a crashed process left", async () => {
    const url = "/partner/v1/valuations";
    const hash = requestHash("POST", url, valuationRequest);
    const insert =
      "INSERT INTO partner_idempotency (partner_id, key, request_hash, locked_until) VALUES ('acme', $1, $2, now() + make_interval(secs => $3))";
    await bed.db.pool.query(insert, ["running", hash, 60]);
    await bed.db.pool.query(insert, ["crashed", hash, -1]);
    const send = (key: string) =>
      api.app.inject({
        method: "POST",
        url,
        headers: { ...as(acme.key), "idempotency-key": key },
        payload: valuationRequest,
      });
    const running = await send("running");
    expect(running.statusCode).toBe(409);
    expect(running.json()).toMatchObject({ error: "in_progress" });
    const redone = await send("crashed");
    expect(redone.statusCode).toBe(200);
    expect((await send("crashed")).headers["idempotent-replayed"]).toBe("true");
  });

  it("forgets an answer after 24 hours: the key does the work again", async () => {
    const send = () =>
      api.app.inject({
        method: "POST",
        url: "/partner/v1/valuations",
        headers: { ...as(acme.key), "idempotency-key": "old" },
        payload: valuationRequest,
      });
    expect((await send()).headers["idempotent-replayed"]).toBeUndefined();
    await bed.db.pool.query(
      "UPDATE partner_idempotency SET created_at = now() - interval '25 hours' WHERE key = 'old'",
    );
    expect((await send()).headers["idempotent-replayed"]).toBeUndefined();
    await bed.db.pool.query(
      "UPDATE partner_idempotency SET created_at = now() - interval '25 hours' WHERE key = 'old'",
    );
    expect(await createIdempotencyStore(bed.db.pool).purgeExpired()).toBe(1);
  });

  it.skipIf(!redisServer)("counts one key's requests across replicas in Redis", async () => {
    const env = { REDIS_URL: "redis://127.0.0.1:6379", PARTNER_BURST: "3", PARTNER_RATE_PER_SECOND: "0.1" };
    const [one, two] = [await bed.startApi(env), await bed.startApi(env)];
    const { key } = await one.keys.add({ partnerId: `shared-${Date.now()}`, scopes: ["dialogs"] });
    const statuses: number[] = [];
    for (const service of [one, two, one, two]) {
      const response = await service.app.inject({ method: "GET", url: "/partner/v1/dialogs/x", headers: as(key) });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it("manages keys from the command line; a revoked key fails at once on every replica", async () => {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    expect(await runPartnersCommand(bed.db.pool, ["add", "cli-partner", "--scopes", "dialogs"], print)).toBe(0);
    const key = /wwp_[0-9a-f]{16}_\S+/.exec(lines.join("\n"))?.[0] ?? "";
    const keyId = key.split("_")[1] ?? "";
    expect(await runPartnersCommand(bed.db.pool, ["list", "cli-partner"], print)).toBe(0);
    expect(lines.at(-1)).toMatch(new RegExp(`cli-partner\t${keyId}\tdialogs\t.*\tactive`));
    expect(lines.at(-1)).not.toContain(key.slice(25));
    expect(await runPartnersCommand(bed.db.pool, ["add", "cli-partner", "--scopes", "nonsense"], print)).toBe(2);

    const replica = await bed.startApi();
    const get = (service: ExternalApiService, withKey: string) =>
      service.app.inject({ method: "GET", url: "/partner/v1/dialogs/nobody", headers: as(withKey) });
    expect((await get(api, key)).statusCode).toBe(404);
    expect((await get(replica, key)).statusCode).toBe(404);

    expect(await runPartnersCommand(bed.db.pool, ["rotate", keyId], print)).toBe(0);
    const rotated = /wwp_[0-9a-f]{16}_\S+/.exec(lines.at(-1) ?? "")?.[0] ?? "";
    expect(rotated).not.toBe(key);
    for (const service of [api, replica]) {
      expect((await get(service, key)).statusCode).toBe(401);
      expect((await get(service, rotated)).statusCode).toBe(404);
    }
    expect(await runPartnersCommand(bed.db.pool, ["revoke", rotated.split("_")[1] ?? ""], print)).toBe(0);
    for (const service of [api, replica]) expect((await get(service, rotated)).statusCode).toBe(401);
  });

  it("answers 429 with Retry-After and RateLimit headers past the burst and past the daily quota", async () => {
    const strict = await bed.startApi({
      PARTNER_BURST: "2",
      PARTNER_RATE_PER_SECOND: "0.1",
      PARTNER_VALUATIONS_PER_DAY: "1",
    });
    const { key } = await strict.keys.add({ partnerId: "tiny", scopes: ["dialogs", "valuations"] });
    const get = () => strict.app.inject({ method: "GET", url: "/partner/v1/dialogs/nobody", headers: as(key) });
    expect((await get()).headers["ratelimit-limit"]).toBe("2");
    expect((await get()).statusCode).toBe(404);
    const limited = await get();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(limited.headers["ratelimit-remaining"]).toBe("0");
    expect(limited.headers["ratelimit-reset"]).toBeDefined();

    const other = await strict.keys.add({ partnerId: "tiny2", scopes: ["valuations"] });
    const value = () =>
      strict.app.inject({
        method: "POST",
        url: "/partner/v1/valuations",
        headers: as(other.key),
        payload: valuationRequest,
      });
    expect((await value()).statusCode).toBe(200);
    const over = await value();
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ error: "quota_exceeded" });
    expect(Number(over.headers["retry-after"])).toBeGreaterThan(0);
    const talker = await strict.keys.add({ partnerId: "tiny3", scopes: ["dialogs"] });
    const limitedTalk = await bed.startApi({ PARTNER_MESSAGES_PER_DAY: "0" });
    const talk = await limitedTalk.app.inject({
      method: "POST",
      url: "/partner/v1/dialogs/t/messages",
      headers: as(talker.key),
      payload: { text: "привет" },
    });
    expect(talk.statusCode).toBe(429);
    expect(talk.json()).toMatchObject({ error: "quota_exceeded" });
    const { rows } = await bed.db.pool.query(
      "SELECT kind, count::int AS count FROM partner_usage WHERE partner_id = 'tiny2' ORDER BY kind",
    );
    expect(rows).toEqual([
      { kind: "rejected", count: 1 },
      { kind: "valuations", count: 1 },
    ]);
  });

  it("sends a partner's leads and replies to its callback, signed, in order, retried after a 500", async () => {
    await say(acme.key, "lead1", "привет");
    await say(acme.key, "lead1", "ищу двушку у Таганской до 15 млн, метров 50");
    await say(acme.key, "lead1", "10 минут");
    await say(acme.key, "lead1", "да");
    await say(acme.key, "lead1", "8 (916) 123-45-67");
    await say(acme.key, "lead1", "Иван");
    await say(acme.key, "lead1", "да");
    while ((await api.events.once()) > 0);
    bed.callback.failures = 1;
    // Everything due is delivered; a retry's backoff is moved to now instead of waited for.
    for (let round = 0; round < 100; round += 1) {
      await api.sender.once();
      const { rowCount } = await bed.db.pool.query(
        "UPDATE partner_callbacks SET next_attempt_at = now() WHERE status = 'pending'",
      );
      if (rowCount === 0) break;
    }
    const calls = bed.partner.calls.map((call) => ({ call, payload: JSON.parse(call.body) }));
    const lead = calls.find(({ payload }) => payload.type === "lead.created");
    expect(lead?.payload).toMatchObject({ type: "lead.created", data: { userId: "lead1", name: "Иван" } });
    // Verified as partners would, with the Standard Webhooks library.
    const headers = Object.fromEntries(
      ["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(lead?.call.headers[name])]),
    );
    expect(new Webhook(acme.callbackSecret).verify(lead?.call.body ?? "", headers)).toEqual(lead?.payload);
    expect(() => new Webhook(rival.callbackSecret).verify(lead?.call.body ?? "", headers)).toThrow();
    // The bot's replies come as callbacks too, in the dialog's order, the lead after the reply that asked for it.
    const ofLead1 = calls.filter(({ payload }) => payload.data.userId === "lead1");
    const ids = ofLead1.map(({ call }) => Number(String(call.headers["webhook-id"]).slice(3)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ofLead1[0]?.payload).toMatchObject({ type: "message.out", data: { author: "bot" } });
    expect(ofLead1[0]?.payload.data.text).toMatch(/Здравствуйте/);
    const { rows } = await bed.db.pool.query(
      "SELECT partner_id, status, count(*)::int AS n, sum(attempts)::int AS attempts FROM partner_callbacks GROUP BY 1, 2",
    );
    // One partner's 500 cost one more attempt; the rival has no callback URL, so nothing is queued for it.
    expect(rows).toEqual([{ partner_id: "acme", status: "sent", n: calls.length - 1, attempts: calls.length }]);
  }, 120_000);

  it("lists a partner's failed callbacks and replays one, and no other partner's", async () => {
    await bed.db.pool.query("DELETE FROM partner_callbacks");
    await bed.db.pool.query(
      `INSERT INTO partner_callbacks (partner_id, dialog_id, event_id, type, payload, status, attempts, last_error)
       VALUES ('acme', 'partner:acme:x', 999001, 'lead.created', '{"type":"lead.created"}', 'failed', 40, 'partner answered 500')`,
    );
    const list = await api.app.inject({ method: "GET", url: "/partner/v1/callbacks", headers: as(acme.key) });
    expect(list.json().callbacks).toMatchObject([{ type: "lead.created", status: "failed", attempts: 40 }]);
    const id: string = list.json().callbacks[0].id;
    const theirs = await api.app.inject({ method: "GET", url: "/partner/v1/callbacks", headers: as(rival.key) });
    expect(theirs.json().callbacks).toEqual([]);
    const stolen = await api.app.inject({
      method: "POST",
      url: `/partner/v1/callbacks/${id}/replay`,
      headers: as(rival.key),
    });
    expect(stolen.statusCode).toBe(404);
    const replay = await api.app.inject({
      method: "POST",
      url: `/partner/v1/callbacks/${id}/replay`,
      headers: as(acme.key),
    });
    expect(replay.json()).toMatchObject({ id, status: "pending", attempts: 0 });
    const before = bed.partner.calls.length;
    expect(await api.sender.once()).toBe(1);
    expect(bed.partner.calls).toHaveLength(before + 1);
  });

  it("guards every route that is not a partner route with a service token", async () => {
    expect(await expectEveryRouteGuarded(api.app)).toBeGreaterThanOrEqual(2);
    const delivery = await api.app.inject({ method: "POST", url: "/v1/deliveries", headers: asCore, payload: {} });
    expect(delivery.statusCode).toBe(200);
    const docs = await api.app.inject({ method: "GET", url: "/partner/docs/openapi.json" });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toContain("/partner/v1/dialogs/{userId}/messages");
    for (const route of ["/partner/v1/callbacks", "/partner/v1/dialogs/u1"]) {
      const withServiceToken = await api.app.inject({ method: "GET", url: route, headers: asCore });
      expect(withServiceToken.statusCode, route).toBe(401);
    }
  });
});
