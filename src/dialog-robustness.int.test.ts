// The message path under stress: duplicates, simultaneous messages, bad input, and a restart between two messages.
import { asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  // A window wide enough that two messages sent together fall in it even on a loaded machine.
  core = await startTestCore({ BURST_WINDOW_MS: "1000" });
});
afterAll(async () => core?.close());

const send = (dialogId: string, payload: unknown, wait = false) =>
  core.service.app.inject({
    method: "POST",
    url: `/v1/dialogs/${dialogId}/messages${wait ? "?wait=true" : ""}`,
    headers: { "content-type": "application/json", ...asAdmin },
    payload: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
const count = async (sql: string, dialogId: string) =>
  Number((await core.db.pool.query<{ n: number }>(sql, [dialogId])).rows[0]?.n);

describe("message path", () => {
  it("acknowledges a repeated messageId again and changes nothing", async () => {
    const id = "test:dup";
    const first = await send(id, { messageId: "tg-1", text: "привет" }, true);
    expect(first.statusCode).toBe(200);
    const again = await send(id, { messageId: "tg-1", text: "привет" });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ accepted: true, duplicate: true });
    expect(await count("SELECT count(*) AS n FROM transcript WHERE dialog_id = $1", id)).toBe(2);
    expect(await count("SELECT count(*) AS n FROM outbox WHERE dialog_id = $1", id)).toBe(1);
  });

  it("answers messages that arrive together as one turn and loses none", async () => {
    const id = "test:burst";
    await send(id, { messageId: "a0", text: "хочу купить квартиру" }, true);
    const [a, b] = await Promise.all([
      send(id, { messageId: "a1", text: "двушку" }, true),
      send(id, { messageId: "a2", text: "60 м2" }, true),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const view = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view.slots).toMatchObject({ rooms: 2, area: 60 });
    expect(await count("SELECT count(*) AS n FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL", id)).toBe(0);
    expect(await count("SELECT count(DISTINCT turn_id) AS n FROM inbox WHERE dialog_id = $1", id)).toBe(2);
    expect(await count("SELECT count(*) AS n FROM transcript WHERE dialog_id = $1 AND author = 'client'", id)).toBe(3);
  });

  it("keeps many dialogs apart under concurrent load", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `test:load${i}`);
    await Promise.all(ids.map((id) => send(id, { messageId: "1", text: "хочу снять студию" }, true)));
    await Promise.all(ids.map((id) => send(id, { messageId: "2", text: "30 метров" }, true)));
    for (const id of ids) {
      const view = (
        await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })
      ).json();
      expect(view.slots).toMatchObject({ intent: "search", dealType: "rent", rooms: 0, area: 30 });
    }
  });

  it("rejects bad input with a JSON error that names the problem, and keeps what was accepted", async () => {
    const id = "test:bad";
    await send(id, { messageId: "ok-1", text: "привет" }, true);
    const cases: [unknown, RegExp][] = [
      [{ messageId: "x1", text: "   " }, /text must not be empty/],
      [{ messageId: "x2", text: "я".repeat(4097) }, /longer than 4096/],
      [{ messageId: "x3", text: "hi", colour: "red" }, /colour|unrecognized/i],
      [{ text: "no id" }, /messageId/],
      ['{"messageId": "x4", "text": ', /JSON|json/],
      [{ messageId: "x5", text: "a\u0000b" }, /^body\.text: contains a NUL character/],
      [{ messageId: "x6", text: "half a smile \ud83d" }, /^body\.text: .*unpaired Unicode surrogate/],
      [{ messageId: "x7", text: "hi", user: { id: "1", name: "\udc00" } }, /^body\.user\.name: /],
      [{ messageId: "x8", text: "\u200b\u200d " }, /text must not be empty/],
    ];
    for (const [payload, message] of cases) {
      const response = await send(id, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    const badId = await send("no-colon", { messageId: "1", text: "hi" });
    expect(badId.statusCode).toBe(400);
    const longId = `test:${"1".repeat(128)}`;
    expect((await send(longId, { messageId: "1", text: "привет" })).statusCode).toBe(202);
    const badUrl = await core.service.app.inject({ headers: asAdmin, method: "GET", url: "/v1/dialogs/%E0%A4%A" });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.json()).toMatchObject({ error: "bad_url" });
    const empty = await core.service.app.inject({
      method: "POST",
      url: `/v1/dialogs/${id}/messages`,
      headers: { "content-type": "application/json", ...asAdmin },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ error: "empty_body" });
    const blockedWithJunk = await core.service.app.inject({
      headers: asAdmin,
      method: "POST",
      url: `/v1/dialogs/${id}/blocked`,
      payload: { colour: "red" },
    });
    expect(blockedWithJunk.statusCode).toBe(400);
    const unknown = await core.service.app.inject({ headers: asAdmin, method: "GET", url: "/v1/dialogs/test:nobody" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: "not_found" });
    expect(await count("SELECT count(*) AS n FROM transcript WHERE dialog_id = $1", id)).toBe(2);
  });

  it("resumes a dialog after the core restarts between two messages", async () => {
    const id = "test:restart";
    await send(id, { messageId: "r1", text: "хочу купить квартиру" }, true);
    await send(id, { messageId: "r2", text: "трёшку" }, true);
    await core.restart();
    const after = await send(id, { messageId: "r3", text: "80 квадратов" }, true);
    expect(after.json().replies[0].text).toMatch(/бюджет/);
    const view = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view.slots).toMatchObject({ intent: "search", rooms: 3, area: 80 });
  });

  it("processes a message accepted but not yet answered when the process died", async () => {
    const id = "test:orphan";
    await core.db.pool.query(
      `INSERT INTO dialogs (id, channel, chat_id) VALUES ($1, 'test', 'orphan');
       INSERT INTO inbox (dialog_id, message_id, payload, received_at) VALUES ($1, 'o1', '{"text":"привет"}', now() - interval '1 minute')`.replace(
        /\$1/g,
        `'${id}'`,
      ),
    );
    await core.restart();
    await expect
      .poll(() => count("SELECT count(*) AS n FROM outbox WHERE dialog_id = $1", id), { timeout: 8000 })
      .toBe(1);
  });
});
