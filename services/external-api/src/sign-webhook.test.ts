// Signatures as the Standard Webhooks library checks them: the partner's secret verifies, another or a changed body not.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook.js";

const secret = `whsec_${Buffer.from("a partner's callback secret").toString("base64")}`;
const body = JSON.stringify({ type: "lead.created", data: { userId: "u1", leadId: "7" } });

describe("signWebhook", () => {
  it("signs so that the standardwebhooks package verifies it", () => {
    const headers = signWebhook(secret, "cb_1", Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it("fails for another secret, another body, or an old timestamp", () => {
    const headers = { ...signWebhook(secret, "cb_1", Math.floor(Date.now() / 1000), body) };
    const other = `whsec_${Buffer.from("someone else").toString("base64")}`;
    expect(() => new Webhook(other).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("u1", "u2"), headers)).toThrow();
    const old = { ...signWebhook(secret, "cb_1", Math.floor(Date.now() / 1000) - 3600, body) };
    expect(() => new Webhook(secret).verify(body, old)).toThrow();
  });
});
