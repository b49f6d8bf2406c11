// One service started from dist/ as its own process, the way the image runs it; logs to a file, timed stop.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serviceCommand } from "../deploy/deployed-services.js";

export interface ServiceProcess {
  name: string;
  url: string;
  logFile: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<string>;
  /** GET /ready answers 200 within `timeoutMs`, or this throws with the log's tail. */
  waitReady(timeoutMs: number): Promise<void>;
  /** SIGTERM, then how long the process took to exit and how. */
  stop(): Promise<{ ms: number; exit: string }>;
  kill(): Promise<void>;
  logTail(lines?: number): Promise<string>;
}

export function startServiceProcess(options: {
  name: string;
  entry: string;
  port: number;
  root: string;
  logDir: string;
  env: Record<string, string>;
}): ServiceProcess {
  const [node = "node", ...args] = serviceCommand(options.entry);
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile);
  // The environment is given whole: nothing of this shell's reaches the service.
  const child = spawn(node === "node" ? process.execPath : node, args, {
    cwd: options.root,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const logTail = async (lines = 30) =>
    (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-lines).join("\n");
  let ended: string | undefined;
  void exited.then((how) => (ended = how));

  return {
    name: options.name,
    url,
    logFile,
    child,
    exited,
    logTail,
    async waitReady(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (ended) throw new Error(`${options.name} exited (${ended}) before ready:\n${await logTail()}`);
        const status = await fetch(`${url}/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`${options.name} not ready after ${timeoutMs} ms:\n${await logTail()}`);
    },
    async stop() {
      const started = Date.now();
      child.kill("SIGTERM");
      const exit = await exited;
      return { ms: Date.now() - started, exit };
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
