// Chats API (amojo) request signing: Content-MD5 of the exact body bytes, HMAC-SHA1 over five lines, one Date.
import { createHash, createHmac } from "node:crypto";
import { sameSecret } from "@wewall/shared";

export const AMOJO_CONTENT_TYPE = "application/json";

export interface SignInput {
  secret: string;
  method: string;
  path: string;
  body: string;
  date: string;
  contentType?: string;
}

export interface SignedHeaders {
  Date: string;
  "Content-Type": string;
  "Content-MD5": string;
  "X-Signature": string;
}

export function md5Hex(body: string | Buffer): string {
  return createHash("md5").update(body).digest("hex");
}

export function hmacSha1Hex(secret: string, data: string | Buffer): string {
  return createHmac("sha1", secret).update(data).digest("hex");
}

export function signRequest(input: SignInput): SignedHeaders {
  const contentType = input.contentType ?? AMOJO_CONTENT_TYPE;
  const contentMd5 = md5Hex(input.body);
  // The query string is not part of the signed path.
  const path = input.path.split("?")[0] ?? input.path;
  const signed = [input.method.toUpperCase(), contentMd5, contentType, input.date, path].join("\n");
  return {
    Date: input.date,
    "Content-Type": contentType,
    "Content-MD5": contentMd5,
    "X-Signature": hmacSha1Hex(input.secret, signed),
  };
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// RFC 2822 with a numeric zone, as amojo documents it (toUTCString says "GMT" instead).
export function rfc2822Date(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = WEEKDAYS[at.getUTCDay()] ?? "Sun";
  const month = MONTHS[at.getUTCMonth()] ?? "Jan";
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  return `${day}, ${pad(at.getUTCDate())} ${month} ${at.getUTCFullYear()} ${time} +0000`;
}

// Webhook bodies are signed as raw bytes; compare in constant time so the signature cannot be probed.
export function verifySignature(secret: string, raw: string | Buffer, signature: string | undefined): boolean {
  return signature !== undefined && sameSecret(signature.trim().toLowerCase(), hmacSha1Hex(secret, raw));
}
