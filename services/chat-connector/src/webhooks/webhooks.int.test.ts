// Webhooks over real HTTP: manager replies become takeovers, bad input changes nothing, account events act on dialogs.
import qs from "qs";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAdmin, expectEveryRouteGuarded } from "@wewall/test-support";
import { hmacSha1Hex } from "../amojo/sign-request.js";
import { BOT_ID, startHarness, until, webhookUrl, type Harness } from "../testing/start-harness.js";

const answerSchema = z.record(z.string(), z.unknown());
let h: Harness;
let base: string;
const DIALOG = "telegram:7";

beforeAll(async () => {
  h = await startHarness();
  base = webhookUrl(h.service);
  h.core.clientSays(DIALOG, "c1", "Хочу поговорить с менеджером", { id: "7", name: "Олег" });
  await until(() => h.amo.state.chatLinks.length === 1, "dialog mirrored and linked");
});
afterAll(async () => {
  await h?.close();
});

const managerHook = (
  id: string,
  text: string,
  sender: Record<string, string> = { id: "manager-uuid", name: "Анна" },
) => ({
  account_id: "af9945ff-1490-4cad-807d-945c15d88bec",
  time: 1_700_000_000,
  message: {
    sender,
    receiver: { id: "client-uuid", client_id: "telegram:7", name: "Олег" },
    conversation: { id: h.amo.state.chats.get(DIALOG), client_id: DIALOG },
    timestamp: 1_700_000_000,
    msec_timestamp: 1_700_000_000_000,
    message: { id, type: "text", text },
  },
});

async function postChat(body: unknown, options: { scope?: string; signature?: string; raw?: string } = {}) {
  const signed = h.amo.signWebhook(body);
  const raw = options.raw ?? signed.raw;
  const response = await fetch(`${base}/amocrm/chats/${options.scope ?? h.amo.scopeId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": options.signature ?? signed.signature },
    body: raw,
  });
  return { status: response.status, body: answerSchema.parse(await response.json()) };
}

const postAccount = async (form: Record<string, unknown>) => {
  const response = await fetch(`${base}/amocrm/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: qs.stringify(form),
  });
  return { status: response.status, body: answerSchema.parse(await response.json()) };
};

const operatorCalls = () => h.core.requests.filter((r) => r.path.endsWith("/operator-messages"));
const inboxCount = async () => (await h.db.pool.query("SELECT count(*)::int AS n FROM amo_inbox")).rows[0].n;

describe("chat webhook", () => {
  it("acknowledges a manager's message at once, then hands it to the core and reports its delivery", async () => {
    const answer = await postChat(managerHook("amo-m1", "Добрый день, я Анна"));
    expect(answer).toEqual({ status: 200, body: { ok: true, duplicate: false } });
    await until(() => operatorCalls().length === 1, "operator message at the core");
    expect(operatorCalls()[0]?.body).toEqual({ messageId: "amo-m1", text: "Добрый день, я Анна", operator: "Анна" });
    expect(h.core.dialogs.get(DIALOG)?.owner).toBe("manager");
    // The core's events come back: delivered status for the amoCRM message, a note, the "chat with manager" status.
    await until(
      () => h.amo.state.deliveryStatuses.some((s) => s.msgid === "amo-m1" && s.delivery_status === 1),
      "delivery status",
    );
    await until(() => h.amo.state.notes.length === 1, "handoff note");
    await until(() => [...h.amo.state.leads.values()][0]?.status_id === 16, "chat with manager");
    // The manager's own words are not mirrored back into the chat.
    expect(h.amo.textsOf(DIALOG).map(([, text]) => text)).not.toContain("Добрый день, я Анна");
  });

  it("stores a repeated webhook once", async () => {
    expect((await postChat(managerHook("amo-m1", "Добрый день, я Анна"))).body).toEqual({ ok: true, duplicate: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(operatorCalls()).toHaveLength(1);
  });

  it("ignores our own bot's messages echoed back", async () => {
    await postChat(managerHook("amo-bot-1", "эхо", { id: "bot-uuid", ref_id: BOT_ID, name: "WeWall AI" }));
    await until(
      async () =>
        (await h.db.pool.query("SELECT 1 FROM amo_inbox WHERE dedup_key = 'amo-bot-1' AND status = 'done'"))
          .rowCount === 1,
      "processed",
    );
    expect(operatorCalls()).toHaveLength(1);
  });

  it("answers bad input with 4xx and a reason, and stores nothing", async () => {
    const before = await inboxCount();
    expect((await postChat(managerHook("x1", "a"), { signature: "0".repeat(40) })).status).toBe(401);
    expect((await postChat(managerHook("x2", "a"), { signature: "" })).body.error).toBe("bad_signature");
    expect((await postChat(managerHook("x3", "a"), { scope: "someone_else" })).body.error).toBe("unknown_scope");
    const broken = "{not json";
    expect(
      (await postChat(null, { raw: broken, signature: hmacSha1Hex(h.config.channelSecret, broken) })).body.error,
    ).toBe("malformed_json");
    expect((await postChat({ account_id: "a", message: { sender: {} } })).body.error).toBe("malformed");
    const stranger = managerHook("x4", "a");
    stranger.message.conversation.client_id = "telegram:999";
    const unknown = await postChat(stranger);
    expect(unknown).toMatchObject({ status: 404, body: { error: "unknown_conversation" } });
    expect(await inboxCount()).toBe(before);
    expect(operatorCalls()).toHaveLength(1);
  });
});

describe("account webhooks", () => {
  it("returns the dialog to the bot when its lead reaches a closing status", async () => {
    const leadId = [...h.amo.state.leads.values()][0]?.id;
    const open = await postAccount({
      leads: { status: [{ id: leadId, status_id: 16, pipeline_id: 77, last_modified: "1" }] },
      account: { id: "1" },
    });
    expect(open).toEqual({ status: 200, body: { ok: true, stored: 0 } });
    const closed = await postAccount({
      leads: { status: [{ id: leadId, status_id: 142, pipeline_id: 77, last_modified: "2" }] },
    });
    expect(closed.body).toEqual({ ok: true, stored: 1 });
    await until(() => h.core.dialogs.get(DIALOG)?.owner === "bot", "released");
    expect(h.core.requests.filter((r) => r.path.endsWith("/release"))).toHaveLength(1);
  });

  it("returns the dialog to the bot when the manager closes the talk", async () => {
    await postChat(managerHook("amo-m2", "Ещё вопрос?"));
    await until(() => h.core.dialogs.get(DIALOG)?.owner === "manager", "manager again");
    const chatId = h.amo.state.chats.get(DIALOG);
    await postAccount({ talk: { update: [{ talk_id: "55", chat_id: chatId, is_in_work: "0", updated_at: "3" }] } });
    await until(() => h.core.dialogs.get(DIALOG)?.owner === "bot", "released by talk close");
  });

  it("rejects a malformed account webhook", async () => {
    const answer = await postAccount({ leads: { status: [{ id: "abc", status_id: 142 }] } });
    expect(answer).toMatchObject({ status: 400, body: { error: "malformed" } });
  });

  it("erases the client's data everywhere when the contact is deleted", async () => {
    const contactId = [...h.amo.state.contacts.values()][0]?.id;
    const answer = await postAccount({ contacts: { delete: [{ id: contactId }] } });
    expect(answer.body).toEqual({ ok: true, stored: 1 });
    await until(() => !h.core.dialogs.has(DIALOG), "core erased the dialog");
    await until(
      async () => (await h.db.pool.query("SELECT 1 FROM amo_dialogs WHERE dialog_id = $1", [DIALOG])).rowCount === 0,
      "own rows erased",
    );
    const left = await h.db.pool.query("SELECT count(*)::int AS n FROM amo_inbox WHERE dialog_id = $1", [DIALOG]);
    expect(left.rows[0].n).toBe(0);
  });
});

describe("credentials", () => {
  it("serves only the signed webhooks and the probes without a service token", async () => {
    expect(await expectEveryRouteGuarded(h.service.app)).toBeGreaterThanOrEqual(1);
    const metrics = await h.service.app.inject({ method: "GET", url: "/metrics", headers: asAdmin });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain("wewall_http_request_duration_seconds");
  });
});
