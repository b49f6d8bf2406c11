// `npm start` as an operator runs it, with every port moved: the core follows the tools, and /metrics shows the work.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  asAdmin,
  createTestDatabase,
  freePort,
  postgresServer,
  TEST_ADMIN_TOKEN,
  type TestDatabase,
} from "@wewall/test-support";

const root = fileURLToPath(new URL("..", import.meta.url));
let db: TestDatabase | undefined;
let dataDir: string | undefined;
let coreUrl: string;
let child: ReturnType<typeof spawn>;
let output = "";

beforeAll(async () => {
  // On the PostgreSQL server when there is one; else on its own embedded database, as `npm start` runs by default.
  const database = postgresServer
    ? { DATABASE_URL: (db = await createTestDatabase("wewall_start_all")).url }
    : { DATA_DIR: (dataDir = await mkdtemp(join(tmpdir(), "wewall-start-all-"))) };
  const [core, calculator, search] = [await freePort(), await freePort(), await freePort()];
  coreUrl = `http://127.0.0.1:${core}`;
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(core),
      CALCULATOR_PORT: String(calculator),
      SEARCH_PORT: String(search),
      ...database,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      BURST_WINDOW_MS: "0",
      LOG_LEVEL: "warn",
      SHARED_DATA_DIR: fileURLToPath(new URL("../../shared/data", import.meta.url)),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const deadline = Date.now() + 120_000;
  while (
    !(await fetch(`${coreUrl}/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start not ready in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 150_000);

afterAll(async () => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  await db?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

let counter = 0;
async function say(text: string): Promise<string> {
  counter += 1;
  const response = await fetch(`${coreUrl}/v1/dialogs/cli:ports/messages?wait=true`, {
    method: "POST",
    headers: { "content-type": "application/json", ...asAdmin },
    body: JSON.stringify({ messageId: `m${counter}`, text }),
  });
  expect(response.status).toBe(200);
  const body = z.object({ replies: z.array(z.object({ text: z.string() })) }).parse(await response.json());
  return body.replies.map((reply) => reply.text).join("\n");
}

/** Prometheus text format: the value of every sample whose name and labels contain all of `parts`. */
function samples(text: string, name: string, ...parts: string[]): number[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => parts.every((part) => line.includes(part)))
    .map((line) => Number(line.slice(line.lastIndexOf(" ") + 1)));
}

describe("npm start on moved ports", () => {
  it("values a flat through the calculator on its moved port", async () => {
    await say("хочу оценить квартиру");
    await say("2 комнаты, 54 квадрата, 5 этаж из 9");
    await say("метро Сокол");
    await say("8 минут пешком");
    let answer = "";
    for (const text of ["не важно", "не важно", "да"]) {
      if (/Оценка/.test(answer)) break;
      answer = await say(text);
    }
    expect(answer).not.toMatch(/не отвечает/);
    expect(answer).toMatch(/Оценка: [\d\s]+ ₽/);
  });

  it("shows turns, queues and requests in /metrics, and only to a credential", async () => {
    expect((await fetch(`${coreUrl}/metrics`)).status).toBe(401);
    const text = await (await fetch(`${coreUrl}/metrics`, { headers: asAdmin })).text();
    expect(samples(text, "wewall_turns_total", 'outcome="answered"')[0]).toBeGreaterThan(0);
    expect(samples(text, "wewall_turn_duration_seconds_count")[0]).toBeGreaterThan(0);
    expect(samples(text, "wewall_queue_depth", 'queue="inbox"')).toHaveLength(1);
    expect(samples(text, "wewall_queue_oldest_age_seconds", 'queue="outbox"')).toHaveLength(1);
    const messages = samples(text, "wewall_http_request_duration_seconds_count", "/v1/dialogs/:dialogId/messages");
    expect(messages.reduce((sum, value) => sum + value, 0)).toBeGreaterThanOrEqual(5);
  });

  it("stops on SIGTERM within its deadline", async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    const started = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
