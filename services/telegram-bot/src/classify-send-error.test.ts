// Bot API failures sorted into wait, retry, blocked and rejected; delivery outcomes into the core's status.
import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySendError } from "./classify-send-error.js";
import { toDeliveryStatus } from "./status-reporter.js";

const apiError = (code: number, description: string, retryAfter?: number) =>
  new GrammyError(
    "call failed",
    { ok: false, error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) },
    "sendMessage",
    {},
  );

describe("classifySendError", () => {
  it("429 waits retry_after seconds", () => {
    expect(classifySendError(apiError(429, "Too Many Requests", 7))).toEqual({ kind: "flood", waitMs: 7000 });
  });
  it("403 means the chat is gone for us", () => {
    expect(classifySendError(apiError(403, "Forbidden: bot was blocked by the user")).kind).toBe("blocked");
  });
  it("5xx and network errors are transient, 400 is a rejection", () => {
    expect(classifySendError(apiError(502, "Bad Gateway")).kind).toBe("transient");
    expect(classifySendError(new HttpError("Network request failed", new Error("ECONNRESET"))).kind).toBe("transient");
    expect(classifySendError(apiError(400, "Bad Request: chat not found")).kind).toBe("rejected");
  });
  it("a revoked or wrong token (401, 404) keeps the replies waiting rather than failing them", () => {
    expect(classifySendError(apiError(401, "Unauthorized")).kind).toBe("transient");
    expect(classifySendError(apiError(404, "Not Found")).kind).toBe("transient");
  });
});

describe("toDeliveryStatus", () => {
  it("reports Telegram's message ids for a sent delivery and the code for a failed one", () => {
    const base = { deliveryId: "d", errorCode: null, error: null };
    expect(toDeliveryStatus({ ...base, status: "sent", sentIds: [[5], [6, 7]] })).toEqual({
      status: "delivered",
      channelMessageId: "5,6,7",
    });
    expect(
      toDeliveryStatus({ ...base, status: "failed", sentIds: [], errorCode: "blocked", error: "Forbidden" }),
    ).toEqual({ status: "failed", errorCode: "blocked", error: "Forbidden" });
  });
});

describe("describeError", () => {
  it("never carries a grammY error's payload (the message text) into the logs", async () => {
    const { describeError } = await import("./describe-error.js");
    const error = new GrammyError("failed", { ok: false, error_code: 400, description: "Bad Request" }, "sendMessage", {
      chat_id: 1,
      text: "секретный текст клиента",
    });
    const summary = describeError(error);
    expect(JSON.stringify(summary)).not.toContain("секретный");
    expect(summary).toMatchObject({ name: "GrammyError", code: 400 });
  });
});
