// The account webhook's `?secret=` is checked before its body is read: a forged request, however large, costs nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, webhookUrl, type Harness } from "../testing/start-harness.js";

const SECRET = "account-webhook-secret-0123456789";
let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness({ config: { webhookSecret: SECRET } });
  base = webhookUrl(h.service);
});
afterAll(async () => {
  await h?.close();
});

const post = (secret: string, body: string) =>
  fetch(`${base}/amocrm/webhooks?secret=${secret}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });

describe("account webhook secret", () => {
  it("refuses a forged request before reading its body, even one over the size limit", async () => {
    // Over the 1 MB body limit: read first, this would be 413; authenticated first, it is 401.
    const response = await post("forged", `leads[status][0][id]=${"1".repeat(2_000_000)}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "bad_secret" });
  });

  it("takes a request that carries the secret", async () => {
    const response = await post(SECRET, "account[id]=1");
    expect(response.status).not.toBe(401);
  });
});
