// The account reinstalls the integration: amoCRM refuses the old scope, the connector connects again and delivers
// every queued call once, in order; webhooks to the new scope are accepted by every connector process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type RunningService } from "../service.js";
import { startHarness, until, webhookUrl, type Harness } from "../testing/start-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.core.clientSays("telegram:1", "m0", "первое");
  await until(() => h.amo.messagesOf("telegram:1").length === 1, "mirrored before the reinstall");
});
afterAll(async () => {
  await h?.close();
});

const connects = () => h.amo.calls.filter((c) => c.path.endsWith("/connect") && c.status === 200).length;
const texts = (dialog: string) => h.amo.textsOf(dialog).map(([, text]) => text);
const statusOf = async () =>
  (await h.db.pool.query("SELECT status, count(*)::int AS n FROM amo_outbox GROUP BY status ORDER BY status")).rows;
// Each message was accepted by amoCRM exactly once (refused attempts before the reconnect do not count).
function acceptedPerMsgid(dialog: string): number[] {
  const counts = new Map<string, number>();
  for (const c of h.amo.calls) {
    const body = c.body;
    if (c.status !== 200 || typeof body !== "object" || body === null || !("payload" in body)) continue;
    const payload = JSON.stringify(body.payload);
    if (!payload.includes(`"conversation_id":"${dialog}"`)) continue;
    const msgid = /"msgid":"([^"]+)"/.exec(payload)?.[1] ?? "";
    counts.set(msgid, (counts.get(msgid) ?? 0) + 1);
  }
  return [...counts.values()];
}

async function postWebhook(base: string, scope: string, id: string) {
  const { raw, signature } = h.amo.signWebhook({
    account_id: "af9945ff-1490-4cad-807d-945c15d88bec",
    message: {
      sender: { id: "manager-1", name: "Анна" },
      conversation: { id: h.amo.state.chats.get("telegram:1") ?? "", client_id: "telegram:1" },
      message: { id, type: "text", text: "Добрый день" },
    },
  });
  const response = await fetch(`${base}/amocrm/chats/${scope}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": signature },
    body: raw,
  });
  return response.status;
}

describe("channel re-connect after a reinstall", () => {
  it("connects again when the old scope is refused with 404 and delivers the queued calls once, in order", async () => {
    h.amo.reinstall({ status: 404 });
    const refusedBefore = h.amo.calls.filter((c) => c.status === 404).length;
    for (let i = 1; i <= 3; i++) h.core.clientSays("telegram:1", `a${i}`, `после переустановки ${i}`);
    h.core.clientSays("telegram:2", "b1", "новый диалог");
    await until(() => texts("telegram:1").length === 4 && texts("telegram:2").length === 1, "all delivered", 30_000);
    expect(texts("telegram:1")).toEqual(["первое", ...[1, 2, 3].map((i) => `после переустановки ${i}`)]);
    expect(h.amo.calls.filter((c) => c.status === 404).length).toBeGreaterThan(refusedBefore);
    expect(connects()).toBe(2);
    expect(acceptedPerMsgid("telegram:1").every((n) => n === 1)).toBe(true);
    expect(h.amo.state.chats.has("telegram:2")).toBe(true);
    await until(async () => (await statusOf()).every((r) => r.status === "done"), "every row done, none failed");
  });

  it("stores a new scope id handed out on connect and accepts webhooks for it in every process", async () => {
    // A second connector process on the same database, which may or may not be the one connecting again.
    const second: RunningService = await startService({
      config: h.config,
      db: h.db,
      logger: h.logger,
      tuning: { eventWaitMs: 1000 },
    });
    try {
      await checkNewScope(second);
    } finally {
      await second.close();
    }
  });

  async function checkNewScope(second: RunningService): Promise<void> {
    h.amo.reinstall({ status: 403, newScopeId: "new-scope_af9945ff" });
    const refusedBefore = h.amo.calls.filter((c) => c.status === 403).length;
    const oldScope = "f90ba33d-c9d9-44da-b76c-c349b0ecbe41_af9945ff-1490-4cad-807d-945c15d88bec";
    h.core.clientSays("telegram:1", "c1", "снова");
    await until(() => texts("telegram:1").includes("снова"), "delivered on the new scope", 30_000);
    expect(h.amo.calls.filter((c) => c.status === 403).length).toBeGreaterThan(refusedBefore);
    expect(h.amo.calls.some((c) => c.path === "/v2/origin/custom/new-scope_af9945ff" && c.status === 200)).toBe(true);
    const stored = await h.db.pool.query("SELECT value FROM amo_state WHERE key = 'scope_id'");
    expect(stored.rows[0]?.value).toBe("new-scope_af9945ff");
    expect(await postWebhook(webhookUrl(h.service), "new-scope_af9945ff", "w1")).toBe(200);
    expect(await postWebhook(webhookUrl(second), "new-scope_af9945ff", "w2")).toBe(200);
    expect(await postWebhook(webhookUrl(second), oldScope, "w3")).toBe(404);
    await until(async () => (await statusOf()).every((r) => r.status === "done"), "every row done, none failed");
  }

  it("keeps the calls while the channel cannot be connected (integration not installed yet), then delivers them", async () => {
    h.amo.reinstall({ status: 404 });
    h.amo.failNext(3, 400, "amojo", /\/connect$/);
    h.core.clientSays("telegram:1", "e1", "пока не установлено");
    await until(() => texts("telegram:1").includes("пока не установлено"), "delivered once connected", 30_000);
    expect(h.amo.calls.filter((c) => c.path.endsWith("/connect") && c.status === 400)).toHaveLength(3);
    await until(async () => (await statusOf()).every((r) => r.status === "done"), "every row done, none failed");
  });

  it("still gives up on a call amoCRM keeps refusing once the channel is freshly connected", async () => {
    const before = connects();
    h.amo.failNext(2, 404, "amojo", /^\/v2\/origin\/custom\/new-scope_af9945ff$/);
    h.core.clientSays("telegram:1", "d1", "отклонено дважды");
    h.core.clientSays("telegram:1", "d2", "следующее");
    await until(() => texts("telegram:1").includes("следующее"), "the chat moves on", 30_000);
    expect(texts("telegram:1")).not.toContain("отклонено дважды");
    expect(connects()).toBe(before + 1);
    const failed = await h.db.pool.query(
      "SELECT payload->>'text' AS text FROM amo_outbox WHERE status = 'failed' AND kind = 'send_message'",
    );
    expect(failed.rows).toEqual([{ text: "отклонено дважды" }]);
  });
});
