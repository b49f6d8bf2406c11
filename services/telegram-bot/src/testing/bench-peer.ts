// The bench's other side, run in a worker thread: fake Telegram, fake core and the webhook load driver,
// so the service measured has the main thread to itself as it would in production.
import { parentPort } from "node:worker_threads";
import { z } from "zod";
import { echoReply, startFakeCore } from "./fake-core.js";
import { startFakeTelegram } from "./fake-telegram.js";
import { postUpdate, waitFor } from "./harness.js";
import { textUpdate } from "./updates.js";

const commandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("connector"), url: z.string() }),
  z.object({
    type: z.literal("drive"),
    url: z.string(),
    count: z.number(),
    firstUpdateId: z.number(),
    chats: z.number(),
    firstChat: z.number(),
    connections: z.number(),
    // Open loop at this rate instead of closed loop over the connections: latency below saturation.
    ratePerSecond: z.number().optional(),
  }),
  z.object({ type: z.literal("wait"), coreMessages: z.number(), replies: z.number() }),
  z.object({ type: z.literal("close") }),
]);

export type BenchCommand = z.infer<typeof commandSchema>;

const port = parentPort;
if (!port) throw new Error("bench-peer runs in a worker thread");
const echo = process.env.BENCH_PEER_ECHO === "1";
const telegram = await startFakeTelegram();
const core = await startFakeCore(echo ? { reply: echoReply } : { reply: () => [] });
port.postMessage({ type: "ready", apiRoot: telegram.apiRoot, coreUrl: core.url });

port.on("message", (raw: unknown) => {
  void handle(commandSchema.parse(raw)).catch((error: unknown) =>
    port.postMessage({ type: "error", message: String(error) }),
  );
});

async function handle(command: BenchCommand): Promise<void> {
  switch (command.type) {
    case "connector":
      core.setConnector(command.url);
      return port?.postMessage({ type: "ok" });
    case "drive": {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      const one = async (i: number) => {
        const update = textUpdate(command.firstUpdateId + i, command.firstChat + (i % command.chats), "привет");
        const t = performance.now();
        const status = await postUpdate(command.url, update);
        latencies.push(performance.now() - t);
        if (status !== 200) throw new Error(`webhook answered ${status}`);
      };
      if (command.ratePerSecond) {
        const interval = 1000 / command.ratePerSecond;
        const inFlight: Promise<void>[] = [];
        while (next < command.count) {
          const due = started + next * interval;
          const wait = due - performance.now();
          if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
          inFlight.push(one(next++));
        }
        await Promise.all(inFlight);
      } else {
        await Promise.all(
          Array.from({ length: command.connections }, async () => {
            while (next < command.count) await one(next++);
          }),
        );
      }
      const seconds = (performance.now() - started) / 1000;
      return port?.postMessage({ type: "driven", seconds, latencies: latencies.sort((a, b) => a - b) });
    }
    case "wait": {
      const started = performance.now();
      await waitFor(
        () => core.messages.length >= command.coreMessages && telegram.sent.length >= command.replies,
        120_000,
        "the pipeline to drain",
      );
      return port?.postMessage({ type: "drained", seconds: (performance.now() - started) / 1000 });
    }
    case "close":
      await core.close();
      await telegram.close();
      return port?.postMessage({ type: "closed" });
  }
}
