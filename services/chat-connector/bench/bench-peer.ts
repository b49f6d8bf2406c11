// The bench's other side, run in a worker thread: the fake core and the webhook load driver, off the service's thread.
import { parentPort } from "node:worker_threads";
import { Agent, request } from "undici";
import { driveLoad, loadShapeSchema, startFakeCore, TEST_SERVICE_ENV } from "@wewall/test-support";
import { z } from "zod";
import { hmacSha1Hex } from "../src/amojo/sign-request.js";
import { startFakeAmoCrm } from "../src/testing/fake-amocrm.js";
import { CHANNEL, LONG_LIVED } from "../src/testing/start-harness.js";

const command = z.discriminatedUnion("type", [
  z.object({ type: z.literal("dialogs"), count: z.number() }),
  z.object({ type: z.literal("chats") }),
  z.object({
    type: z.literal("load"),
    url: z.string(),
    secret: z.string(),
    chats: z.record(z.string(), z.string()),
    count: z.number(),
    offset: z.number(),
    shape: loadShapeSchema,
  }),
  z.object({ type: z.literal("close") }),
]);
export type BenchCommand = z.infer<typeof command>;

const port = parentPort;
if (!port) throw new Error("bench-peer runs in a worker thread");
const core = await startFakeCore({ token: TEST_SERVICE_ENV.CHAT_CONNECTOR_SERVICE_TOKEN });
// amoCRM's rate limit is not what this bench measures: the fake lets everything through.
const amo = await startFakeAmoCrm({ ...CHANNEL, longLivedToken: LONG_LIVED, rateLimit: 100_000 });
port.postMessage({ type: "ready", coreUrl: core.url, amoUrl: amo.url, scopeId: amo.scopeId });

port.on("message", (message: unknown) => {
  void (async () => {
    const c = command.parse(message);
    if (c.type === "close") {
      await core.close();
      await amo.close();
      port.postMessage({ type: "closed" });
      return;
    }
    if (c.type === "chats") {
      port.postMessage({ type: "chats", chats: Object.fromEntries(amo.state.chats) });
      return;
    }
    if (c.type === "dialogs") {
      for (let d = 1; d <= c.count; d++) core.clientSays(`telegram:${d}`, "hello", "здравствуйте");
      port.postMessage({ type: "ok" });
      return;
    }
    const dialogs = Object.keys(c.chats);
    // undici's request on a keep-alive pool, as the repository's other load generators: fetch cost this thread about
    // three times the CPU per request, and the generator shares the machine's two cores with the service.
    // Paced, the pool grows to what the rate keeps in flight.
    const agent = new Agent("connections" in c.shape ? { connections: c.shape.connections } : {});
    const latencies: number[] = [];
    let failures = 0;
    const send = async (i: number) => {
      const dialog = dialogs[i % dialogs.length] ?? "";
      const raw = JSON.stringify({
        account_id: "af9945ff-1490-4cad-807d-945c15d88bec",
        time: Math.floor(Date.now() / 1000),
        message: {
          sender: { id: "manager-1", name: "Анна" },
          conversation: { id: c.chats[dialog], client_id: dialog },
          message: { id: `bench-${c.offset + i}`, type: "text", text: `ответ менеджера ${i}` },
        },
      });
      const t0 = performance.now();
      const response = await request(c.url, {
        dispatcher: agent,
        method: "POST",
        headers: { "content-type": "application/json", "x-signature": hmacSha1Hex(c.secret, raw) },
        body: raw,
      });
      await response.body.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (response.statusCode !== 200) failures++;
    };
    const before = performance.eventLoopUtilization();
    await driveLoad(c.count, c.shape, send);
    // The load generator's own share of the machine: it competes with the service for the same cores.
    const busyMs = performance.eventLoopUtilization(before).active;
    await agent.close();
    port.postMessage({ type: "latencies", latencies: latencies.sort((a, b) => a - b), failures, busyMs });
  })().catch((error: unknown) => port.postMessage({ type: "error", message: String(error) }));
});
