// The documented amojo test vector, reproduced byte for byte.
import { describe, expect, it } from "vitest";
import { hmacSha1Hex, rfc2822Date, signRequest, verifySignature } from "./sign-request.js";

const vector = {
  secret: "5a44c5dff55f3c15a4cce8d7c4cc27e207c7e189",
  method: "POST",
  date: "Thu, 29 Oct 2020 11:59:55 +0000",
  path: "/v2/origin/custom/f90ba33d-c9d9-44da-b76c-c349b0ecbe41/connect",
  body: '{"account_id":"af9945ff-1490-4cad-807d-945c15d88bec","title":"ScopeTitle","hook_api_version":"v2"}',
};

describe("signRequest", () => {
  it("reproduces the documented Content-MD5 and X-Signature", () => {
    const headers = signRequest(vector);
    expect(headers["Content-MD5"]).toBe("a5e8ae04332a6d0aac15f01ad05d40e3");
    expect(headers["X-Signature"]).toBe("e0dcc1936d766a7d5f53fe19887fafa50bef92e0");
    expect(headers["Content-Type"]).toBe("application/json");
    expect(headers.Date).toBe(vector.date);
  });

  it("signs the body as serialised: the same object with other spacing gets another signature", () => {
    const spaced = signRequest({ ...vector, body: JSON.stringify(JSON.parse(vector.body), null, 1) });
    expect(spaced["Content-MD5"]).not.toBe("a5e8ae04332a6d0aac15f01ad05d40e3");
  });

  it("ignores the query string and uses the md5 of the empty string for a bodiless GET", () => {
    const a = signRequest({ ...vector, method: "get", body: "", path: "/v2/origin/custom/x/chats?limit=1" });
    const b = signRequest({ ...vector, method: "GET", body: "", path: "/v2/origin/custom/x/chats" });
    expect(a["Content-MD5"]).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(a["X-Signature"]).toBe(b["X-Signature"]);
  });
});

describe("rfc2822Date", () => {
  it("formats like the documented example", () => {
    expect(rfc2822Date(new Date("2020-10-29T11:59:55Z"))).toBe("Thu, 29 Oct 2020 11:59:55 +0000");
    expect(rfc2822Date(new Date("2026-01-05T03:04:05Z"))).toBe("Mon, 05 Jan 2026 03:04:05 +0000");
  });
});

describe("verifySignature", () => {
  const raw = Buffer.from('{"account_id":"a","message":{"text":"привет"}}');
  it("accepts the HMAC-SHA1 of the raw bytes, in either case", () => {
    const signature = hmacSha1Hex(vector.secret, raw);
    expect(verifySignature(vector.secret, raw, signature)).toBe(true);
    expect(verifySignature(vector.secret, raw, signature.toUpperCase())).toBe(true);
  });
  it("rejects a missing, short or wrong signature", () => {
    expect(verifySignature(vector.secret, raw, undefined)).toBe(false);
    expect(verifySignature(vector.secret, raw, "abc")).toBe(false);
    expect(verifySignature(vector.secret, raw, hmacSha1Hex("other", raw))).toBe(false);
  });
});
