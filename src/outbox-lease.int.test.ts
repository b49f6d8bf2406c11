// A live core keeps the replies it pushes past one lease: a slow connector gets each reply once, not a second push
// from the poller when the short lease (kept short for crash recovery) runs out.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { deliverySchema } from "@wewall/shared";
import { asAdmin, closeServer, listenOnLoopback, readBody } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTBOX_LEASE_MS } from "./dialog/outbox-lease.js";
import { startTestCore, type TestCore } from "./testing/start-test-core.js";

const pushes: string[] = [];
const connector = createServer((request: IncomingMessage, response: ServerResponse) => {
  void readBody(request).then(async (body) => {
    pushes.push(deliverySchema.parse(JSON.parse(body)).deliveryId);
    // Slower than one lease, within the push timeout.
    await new Promise((resolve) => setTimeout(resolve, OUTBOX_LEASE_MS + 2_000));
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});

let core: TestCore;
beforeAll(async () => {
  const url = await listenOnLoopback(connector);
  core = await startTestCore({ CHANNEL_URLS: `test=${url}/deliveries` });
});
afterAll(async () => {
  await core?.close();
  await closeServer(connector);
});

describe("outbox leases", () => {
  it("are renewed while the push runs, so a slow connector gets each reply once", async () => {
    const response = await core.service.app.inject({
      headers: asAdmin,
      method: "POST",
      url: "/v1/dialogs/test:slow/messages",
      payload: { messageId: "1", text: "привет" },
    });
    expect(response.statusCode).toBe(202);
    await expect.poll(() => pushes.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, OUTBOX_LEASE_MS + 3_000));
    expect(pushes).toEqual([...new Set(pushes)]);
    const { rows } = await core.db.pool.query<{ status: string }>("SELECT status FROM outbox WHERE dialog_id = $1", [
      "test:slow",
    ]);
    expect(rows.map((row) => row.status)).toEqual(["acked"]);
  }, 30_000);
});
