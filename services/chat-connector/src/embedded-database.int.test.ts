// The connector on the embedded database (PGlite behind one pooled connection): mirror, webhook and outbox still work.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@wewall/shared";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHarness, until, webhookUrl, type Harness } from "./testing/start-harness.js";

let dir: string;
let h: Harness;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "chatconn-pglite-"));
  // The non-durable acknowledgement path runs here too (PGlite accepts the setting and ignores it).
  h = await startHarness({ db: await openDatabase({ dataDir: dir }), config: { webhookDurableAck: false } });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

it("mirrors a dialog and takes a manager's reply over one connection", async () => {
  h.core.clientSays("telegram:9", "e1", "Привет");
  h.core.botSays("telegram:9", "Здравствуйте!");
  await until(
    () => h.amo.messagesOf("telegram:9").length === 2 && h.amo.state.chatLinks.length === 1,
    "mirrored",
    30_000,
  );
  const { raw, signature } = h.amo.signWebhook({
    account_id: "a",
    message: {
      sender: { id: "m", name: "Анна" },
      conversation: { id: h.amo.state.chats.get("telegram:9") ?? "", client_id: "telegram:9" },
      message: { id: "amo-e1", type: "text", text: "Добрый день" },
    },
  });
  const answer = await fetch(`${webhookUrl(h.service)}/amocrm/chats/${h.amo.scopeId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": signature },
    body: raw,
  });
  expect(answer.status).toBe(200);
  await until(
    () => h.amo.state.deliveryStatuses.some((s) => s.msgid === "amo-e1"),
    "delivery status back in amoCRM",
    30_000,
  );
  expect(h.core.dialogs.get("telegram:9")?.owner).toBe("manager");
});
