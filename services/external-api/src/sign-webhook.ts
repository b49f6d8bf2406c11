// Standard Webhooks signatures: HMAC-SHA256 over "<id>.<timestamp>.<body>" with the partner's whsec_ secret.
import { createHmac } from "node:crypto";

export interface WebhookHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** The secret's key bytes: base64 after the whsec_ prefix, as the specification's libraries read it. */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice(6) : secret, "base64");
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): WebhookHeaders {
  const signature = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(timestampSeconds), "webhook-signature": `v1,${signature}` };
}
