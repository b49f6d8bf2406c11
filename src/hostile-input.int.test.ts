// Hostile input at the core's door: deeply nested JSON and texts made only of invisible characters get a 4xx.
import { asAdmin } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

let core: TestCore;
beforeAll(async () => {
  core = await startTestCore();
});
afterAll(async () => core?.close());

const send = (payload: string) =>
  core.service.app.inject({
    method: "POST",
    url: "/v1/dialogs/test:hostile/messages",
    headers: { "content-type": "application/json", ...asAdmin },
    payload,
  });

describe("hostile input", () => {
  it("refuses JSON nested thousands of levels deep with 400, on every part of the body", async () => {
    for (const levels of [100, 20_000]) {
      const deep = `${"[".repeat(levels)}${"]".repeat(levels)}`;
      for (const payload of [deep, `{"messageId":"1","text":"привет","user":${deep}}`]) {
        const response = await send(payload);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: "too_deep" });
      }
    }
  });

  it("refuses a text made only of invisible characters, whichever they are", async () => {
    for (const text of ["\u202e\u200f", "\u200b\u2060", "\u180e\u034f", "\ufe0f\u00ad", "\u0007"]) {
      const response = await send(JSON.stringify({ messageId: `i${text.codePointAt(0)}`, text }));
      expect(response.statusCode).toBe(400);
    }
    expect((await send(JSON.stringify({ messageId: "ok", text: "привет\u200b" }))).statusCode).toBe(202);
  });
});
