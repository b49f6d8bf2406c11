// Starts the real core as a child process on loopback (cwd = repository root) and waits until it is ready.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "./listen-on-loopback.js";
import { TEST_SERVICE_ENV } from "./test-credentials.js";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface SpawnedCore {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL): no shutdown, leases and locks left as a crash leaves them. */
  kill(): Promise<void>;
}

export interface SpawnCoreOptions {
  databaseUrl: string;
  channelUrls: string;
  /** A port chosen beforehand, when a peer must know the core's URL before it runs. */
  port?: number;
  /** More of the core's environment (tool URLs, say). */
  env?: Record<string, string>;
}

export async function spawnCore(options: SpawnCoreOptions): Promise<SpawnedCore> {
  const port = options.port ?? (await freePort());
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      BURST_WINDOW_MS: "0",
      CHANNEL_URLS: options.channelUrls,
      ...TEST_SERVICE_ENV,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`core exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`core not ready in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
  };
}
