// The API docs at /docs: the swagger UI page (served by @fastify/static) and the OpenAPI JSON, open without a token.
import { afterAll, describe, expect, it } from "vitest";
import { createHttpApp, type HttpApp } from "./http-app.js";
import { createLogger } from "./logger.js";
import { createMetrics } from "./metrics.js";

describe("createHttpApp docs", () => {
  let app: HttpApp | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it("serves the swagger UI page and its static files at /docs/", async () => {
    app = await createHttpApp({
      title: "docs test",
      logger: createLogger("docs-test", "silent"),
      auth: {},
      metrics: createMetrics("docs-test"),
      readiness: () => ({ ready: true }),
    });
    app.get("/v1/ping", async () => ({ ok: true }));
    await app.ready();

    const page = await app.inject({ method: "GET", url: "/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");

    const script = await app.inject({ method: "GET", url: "/docs/static/swagger-ui-bundle.js" });
    expect(script.statusCode).toBe(200);

    const spec = await app.inject({ method: "GET", url: "/docs/json" });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toContain("/v1/ping");
  });
});
