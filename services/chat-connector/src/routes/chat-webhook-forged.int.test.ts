// A forged Chats API webhook costs next to nothing: an oversized one is refused on its Content-Length, unread and
// unhashed; a small one on its signature.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, webhookUrl, type Harness } from "../testing/start-harness.js";
import { CHAT_WEBHOOK_BODY_LIMIT } from "./chat-webhooks.js";

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness();
  base = webhookUrl(h.service);
});
afterAll(async () => {
  await h?.close();
});

const forge = (body: string) =>
  fetch(`${base}/amocrm/chats/${h.amo.scopeId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-signature": "0".repeat(40) },
    body,
  });

describe("forged chat webhooks", () => {
  it("refuses a megabyte before reading it, and a small forgery on its signature", async () => {
    const big = await forge(`{"x":"${"a".repeat(1_048_576)}"}`);
    expect(big.status).toBe(413);
    expect(CHAT_WEBHOOK_BODY_LIMIT).toBeLessThan(1_048_576);
    const small = await forge('{"x":"a"}');
    expect(small.status).toBe(401);
  });
});
