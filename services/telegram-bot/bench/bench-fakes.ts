// The bench's fakes, run in a worker thread: fake Telegram and fake core, so the service measured has the main thread
import { echoReply, startFakeCore, TEST_SERVICE_ENV } from "@wewall/test-support";
// to itself as it would in production (the load driver has a thread of its own, bench-driver.ts).
import { parentPort } from "node:worker_threads";
import { z } from "zod";
import { startFakeTelegram } from "../src/testing/fake-telegram.js";
import { waitFor } from "../src/testing/harness.js";

const commandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("connector"), url: z.string() }),
  z.object({ type: z.literal("wait"), coreMessages: z.number(), replies: z.number() }),
  z.object({ type: z.literal("close") }),
]);

export type FakesCommand = z.infer<typeof commandSchema>;

const port = parentPort;
if (!port) throw new Error("bench-fakes runs in a worker thread");
const echo = process.env.BENCH_FAKE_CORE_ECHO === "1";
const telegram = await startFakeTelegram();
const core = await startFakeCore({
  token: TEST_SERVICE_ENV.TELEGRAM_SERVICE_TOKEN,
  reply: echo ? echoReply : () => [],
});
port.postMessage({ type: "ready", apiRoot: telegram.apiRoot, coreUrl: core.url });

port.on("message", (raw: unknown) => {
  void handle(commandSchema.parse(raw)).catch((error: unknown) =>
    port.postMessage({ type: "error", message: String(error) }),
  );
});

async function handle(command: FakesCommand): Promise<void> {
  switch (command.type) {
    case "connector":
      core.setConnector(command.url);
      return port?.postMessage({ type: "ok" });
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
