// What reaches the logs: a secret sent in a URL's query (amoCRM's account webhook) never does, at any level.
import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./logger.js";

describe("logger", () => {
  it("cuts secrets from the query of every request URL fastify logs", async () => {
    let written = "";
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString("utf8");
        done();
      },
    });
    const app = Fastify({ loggerInstance: createLogger("test", "trace", sink) });
    app.post("/amocrm/webhooks", async () => ({ ok: true }));
    await app.inject({ method: "POST", url: "/amocrm/webhooks?secret=s3cr3t-value&account=1" });
    await app.close();
    expect(written).toContain("/amocrm/webhooks?secret=[redacted]&account=1");
    expect(written).not.toContain("s3cr3t-value");
  });

  it("leaves URLs without secrets as they are", () => {
    expect(redactUrl("/v1/dialogs/tg:1?wait=true")).toBe("/v1/dialogs/tg:1?wait=true");
    expect(redactUrl("/hook?a=1&token=xyz#f")).toBe("/hook?a=1&token=[redacted]#f");
  });
});
