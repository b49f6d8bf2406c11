// The bench's load driver, in a worker thread of its own: the latency it measures is not delayed by the fakes'
// work (the fake core takes every forwarded update), nor by the service's, which has the main thread.
import { parentPort } from "node:worker_threads";
import { driveLoad, loadShapeSchema } from "@wewall/test-support";
import { z } from "zod";
import { postUpdate } from "../src/testing/harness.js";
import { textUpdate } from "../src/testing/updates.js";

const commandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("drive"),
    url: z.string(),
    count: z.number(),
    firstUpdateId: z.number(),
    chats: z.number(),
    firstChat: z.number(),
    shape: loadShapeSchema,
  }),
  z.object({ type: z.literal("close") }),
]);

export type DriveCommand = z.infer<typeof commandSchema>;

const port = parentPort;
if (!port) throw new Error("bench-driver runs in a worker thread");
port.postMessage({ type: "ready" });

port.on("message", (raw: unknown) => {
  void handle(commandSchema.parse(raw)).catch((error: unknown) =>
    port.postMessage({ type: "error", message: String(error) }),
  );
});

async function handle(command: DriveCommand): Promise<void> {
  if (command.type === "close") return port?.postMessage({ type: "closed" });
  const latencies: number[] = [];
  const started = performance.now();
  await driveLoad(command.count, command.shape, async (i) => {
    const update = textUpdate(command.firstUpdateId + i, command.firstChat + (i % command.chats), "привет");
    const t = performance.now();
    const status = await postUpdate(command.url, update);
    latencies.push(performance.now() - t);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
  });
  const seconds = (performance.now() - started) / 1000;
  port?.postMessage({ type: "driven", seconds, latencies: latencies.sort((a, b) => a - b) });
}
