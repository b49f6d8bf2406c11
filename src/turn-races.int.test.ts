// What happens to a turn when the dialog changes while the graph runs: a manager takes over, another message
// arrives, the client is erased. The interpreter holds the turn at a gate so each race happens for certain.
import { asAdmin } from "@wewall/test-support";
import type { Reply } from "@wewall/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseDialog } from "./dialog/dialog-store.js";
import type { MessageInterpreter } from "./nlu/message-interpreter.js";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

const HOLD = "держи";
let release: (() => void) | null = null;
let entered: (() => void) | null = null;

const FLOOD = "пачка";
let floodTurns = 0;

function holdingInterpreter(rules: MessageInterpreter): MessageInterpreter {
  return {
    async interpret(input, context) {
      if (input.texts.some((text) => text.includes(FLOOD))) floodTurns += 1;
      if (input.texts.some((text) => text.includes(HOLD)) && !input.texts.some((text) => text.includes("ещё"))) {
        entered?.();
        await new Promise<void>((resolve) => (release = resolve));
      }
      return rules.interpret(input, context);
    },
  };
}

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore({}, undefined, { interpreter: holdingInterpreter });
});
afterAll(async () => core?.close());

const post = (url: string, payload: object) =>
  core.service.app.inject({ headers: asAdmin, method: "POST", url, payload });

/** Sends a held message and resolves once the turn is inside the graph; `answered` resolves with its replies. */
async function holdTurn(dialogId: string, messageId: string): Promise<{ answered: Promise<Reply[] | undefined> }> {
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const answered = post(`/v1/dialogs/${dialogId}/messages?wait=true`, { messageId, text: `${HOLD} 2 комнаты` }).then(
    (response) => (response.json() as { replies?: Reply[] }).replies,
  );
  await inside;
  return { answered };
}

const count = async (sql: string, dialogId: string) =>
  (await core.db.pool.query<{ n: number }>(sql, [dialogId])).rows[0]?.n;

describe("a turn whose dialog changes while it runs", () => {
  it("stays silent when a manager takes the dialog, but keeps what the client said", async () => {
    const id = "race:manager";
    await core.say(id, "хочу купить квартиру");
    const outboxBefore = await count("SELECT count(*)::int AS n FROM outbox WHERE dialog_id = $1", id);
    const { answered } = await holdTurn(id, "held-1");
    expect((await post(`/v1/dialogs/${id}/handoff`, { reason: "test" })).statusCode).toBeLessThan(300);
    release?.();
    expect(await answered).toEqual([]);
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE dialog_id = $1", id)).toBe(outboxBefore);
    expect(await count("SELECT count(*)::int AS n FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL", id)).toBe(0);
    const view = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view).toMatchObject({ owner: "manager", slots: { rooms: 2 } });
  });

  it("answers a message that arrived during the turn together with it, in one turn", async () => {
    const id = "race:newer";
    await core.say(id, "хочу купить квартиру");
    const { answered } = await holdTurn(id, "held-2");
    const accepted = await post(`/v1/dialogs/${id}/messages`, { messageId: "later", text: "ещё 55 метров" });
    expect(accepted.statusCode).toBe(202);
    release?.();
    const replies = await answered;
    expect(replies?.length).toBeGreaterThan(0);
    const view = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view.slots).toMatchObject({ rooms: 2, area: 55 });
    const turns = await core.db.pool.query<{ turn_id: number }>(
      "SELECT DISTINCT turn_id FROM inbox WHERE dialog_id = $1 AND message_id IN ('held-2', 'later')",
      [id],
    );
    expect(turns.rows).toHaveLength(1);
    expect(await count("SELECT count(*)::int AS n FROM checkpoints WHERE thread_id = $1", id)).toBe(2);
  });

  it("takes in a message accepted alongside whose row became visible only after the turn read its input", async () => {
    const id = "race:alongside";
    await core.say(id, "хочу купить квартиру");
    // The inbox id of a message accepted a moment before the held one, whose statement commits after the turn read.
    const reserved = await core.db.pool.query<{ id: string }>(
      "SELECT nextval(pg_get_serial_sequence('inbox', 'id'))::text AS id",
    );
    const { answered } = await holdTurn(id, "held-5");
    await core.db.pool.query(
      "INSERT INTO inbox (id, dialog_id, message_id, payload) VALUES ($1, $2, 'alongside', $3)",
      [reserved.rows[0]?.id, id, { text: "ещё 55 метров" }],
    );
    release?.();
    expect((await answered)?.length).toBeGreaterThan(0);
    const view = (await core.service.app.inject({ headers: asAdmin, method: "GET", url: `/v1/dialogs/${id}` })).json();
    expect(view.slots).toMatchObject({ rooms: 2, area: 55 });
    const turns = await core.db.pool.query<{ turn_id: number | null }>(
      "SELECT DISTINCT turn_id FROM inbox WHERE dialog_id = $1 AND message_id IN ('held-5', 'alongside')",
      [id],
    );
    expect(turns.rows).toHaveLength(1);
    expect(turns.rows[0]?.turn_id).not.toBeNull();
  });

  it("answers a backlog longer than one turn takes in consecutive turns, in order, computing each once", async () => {
    const id = "race:flood";
    await core.say(id, "хочу купить квартиру");
    const { answered } = await holdTurn(id, "held-6");
    for (let i = 1; i <= 60; i++) {
      const accepted = await post(`/v1/dialogs/${id}/messages`, { messageId: `flood-${i}`, text: `ещё ${FLOOD} ${i}` });
      expect(accepted.statusCode).toBe(202);
    }
    floodTurns = 0;
    release?.();
    await answered;
    const waiting = () => count("SELECT count(*)::int AS n FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL", id);
    for (let tries = 0; (await waiting()) !== 0 && tries < 100; tries++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await waiting()).toBe(0);
    // The held message and the first 49 in one turn, the other 11 in the next: no turn computed twice.
    const turns = await core.db.pool.query<{ turn_id: number; n: number }>(
      `SELECT turn_id, count(*)::int AS n, min(id) AS first FROM inbox
       WHERE dialog_id = $1 AND (message_id = 'held-6' OR message_id LIKE 'flood-%') GROUP BY turn_id ORDER BY first`,
      [id],
    );
    expect(turns.rows.map((row) => row.n)).toEqual([50, 11]);
    expect(floodTurns).toBe(2);
  });

  it("writes nothing back when the client is erased during the turn", async () => {
    const id = "race:erased";
    await core.say(id, "хочу купить квартиру");
    const { answered } = await holdTurn(id, "held-3");
    // The API's erasure waits for the dialog's lock; another replica whose lock lapsed would not.
    expect(await eraseDialog(core.db.pool, id)).toBe(true);
    release?.();
    expect(await answered).toEqual([]);
    for (const table of ["inbox", "transcript", "outbox", "dialogs"]) {
      const column = table === "dialogs" ? "id" : "dialog_id";
      expect(await count(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, id)).toBe(0);
    }
    expect(await count("SELECT count(*)::int AS n FROM checkpoints WHERE thread_id = $1", id)).toBe(0);
  });

  it("computes the turn again when another process committed a turn of the dialog meanwhile", async () => {
    const id = "race:moved";
    await core.say(id, "хочу купить квартиру");
    const { answered } = await holdTurn(id, "held-4");
    // What another replica's turn leaves behind: the dialog names a checkpoint this process has not seen.
    await core.db.pool.query(
      `WITH latest AS (SELECT checkpoint FROM checkpoints WHERE thread_id = $1 ORDER BY checkpoint_id DESC LIMIT 1)
       INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, checkpoint, metadata)
       SELECT $1, '', 'zzzz-elsewhere', checkpoint || '{"id": "zzzz-elsewhere"}', '{}' FROM latest`,
      [id],
    );
    await core.db.pool.query("UPDATE dialogs SET checkpoint_id = 'zzzz-elsewhere' WHERE id = $1", [id]);
    const recomputed = new Promise<void>((resolve) => (entered = resolve));
    release?.();
    await recomputed;
    release?.();
    expect((await answered)?.length).toBeGreaterThan(0);
    const parent = await core.db.pool.query<{ parent: string }>(
      "SELECT parent_checkpoint_id AS parent FROM checkpoints c JOIN dialogs d ON d.checkpoint_id = c.checkpoint_id WHERE d.id = $1",
      [id],
    );
    expect(parent.rows[0]?.parent).toBe("zzzz-elsewhere");
  });
});
