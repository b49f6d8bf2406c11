// The proxy's configuration run by a real NGINX (when installed): public webhook routes reach their service over TLS,
// the old /location/ path is rewritten, the rest answers 404, and the internal listener reaches the core.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServer, freePort, listenOnLoopback } from "@wewall/test-support";

const run = promisify(execFile);
const nginx = await run("nginx", ["-v"]).then(
  () => true,
  () => false,
);
const CONFIG = new URL("./wewall.conf", import.meta.url);
const UPSTREAMS = ["telegram-bot:3003", "chat-connector:3004", "external-api:3006", "core:3000"] as const;

interface Upstream {
  server: Server;
  url: string;
  seen: string[];
}

async function startUpstream(name: string): Promise<Upstream> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ name }));
  });
  return { server, seen, url: await listenOnLoopback(server) };
}

function httpsGet(port: number, path: string, method = "POST"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, rejectUnauthorized: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end("{}");
  });
}

describe.skipIf(!nginx)("ci/nginx/wewall.conf in NGINX", () => {
  let folder: string;
  let proxy: ChildProcess;
  let tlsPort: number;
  let internalPort: number;
  const upstreams = new Map<string, Upstream>();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "wewall-nginx-"));
    await run(
      "openssl",
      ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"].concat([
        "-keyout",
        join(folder, "privkey.pem"),
        "-out",
        join(folder, "fullchain.pem"),
      ]),
    );
    [tlsPort, internalPort] = [await freePort(), await freePort()];
    let config = (await readFile(CONFIG, "utf8"))
      .replaceAll("/etc/nginx/certs", folder)
      .replace("listen 80 default_server;", `listen 127.0.0.1:${await freePort()} default_server;`)
      .replace("listen 443 ssl default_server;", `listen 127.0.0.1:${tlsPort} ssl default_server;`)
      .replace("listen 8080;", `listen 127.0.0.1:${internalPort};`);
    for (const name of UPSTREAMS) {
      const upstream = await startUpstream(name);
      upstreams.set(name, upstream);
      config = config.replaceAll(name, upstream.url.replace("http://", ""));
    }
    await writeFile(join(folder, "wewall.conf"), config);
    await writeFile(
      join(folder, "nginx.conf"),
      `daemon off; pid ${folder}/nginx.pid; error_log ${folder}/error.log;\nevents {}\n` +
        `http { access_log off; client_body_temp_path ${folder}; proxy_temp_path ${folder}; include ${folder}/wewall.conf; }\n`,
    );
    await run("nginx", ["-t", "-q", "-p", folder, "-c", join(folder, "nginx.conf")]);
    proxy = spawn("nginx", ["-p", folder, "-c", join(folder, "nginx.conf")], { stdio: "ignore" });
    for (let i = 0; i < 50 && (await httpsGet(tlsPort, "/").catch(() => undefined)) === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    proxy?.kill("SIGQUIT");
    await Promise.all([...upstreams.values()].map((u) => closeServer(u.server)));
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const seenBy = (name: string) => upstreams.get(name)?.seen ?? [];

  it("routes the Telegram webhook and the amoCRM webhooks to their connectors over TLS", async () => {
    expect(await httpsGet(tlsPort, "/telegram/webhook")).toMatchObject({ status: 200 });
    expect(await httpsGet(tlsPort, "/amocrm/chats/scope-1")).toMatchObject({ status: 200 });
    expect(await httpsGet(tlsPort, "/amocrm/webhooks?secret=s")).toMatchObject({ status: 200 });
    expect(seenBy("telegram-bot:3003")).toEqual(["POST /telegram/webhook"]);
    expect(seenBy("chat-connector:3004")).toEqual(["POST /amocrm/chats/scope-1", "POST /amocrm/webhooks?secret=s"]);
  });

  it("routes the partner API to external-api", async () => {
    expect(await httpsGet(tlsPort, "/partner/v1/valuations")).toMatchObject({ status: 200 });
    expect(seenBy("external-api:3006")).toEqual(["POST /partner/v1/valuations"]);
  });

  it("accepts the old /location/:scope_id path as the amoCRM chat webhook", async () => {
    expect(await httpsGet(tlsPort, "/location/scope-2")).toMatchObject({ status: 200 });
    expect(seenBy("chat-connector:3004")).toContain("POST /amocrm/chats/scope-2");
  });

  it("answers 404 for everything else, the core's API and metrics included", async () => {
    for (const path of [
      "/",
      "/v1/dialogs/telegram:1/messages",
      "/metrics",
      "/docs",
      "/health",
      "/telegram/webhook/x",
    ]) {
      expect((await httpsGet(tlsPort, path)).status, path).toBe(404);
    }
    expect(seenBy("core:3000")).toEqual([]);
  });

  it("reaches the core on the internal listener only", async () => {
    const response = await fetch(`http://127.0.0.1:${internalPort}/v1/events?after=0`);
    expect(await response.json()).toEqual({ name: "core:3000" });
    expect((await fetch(`http://127.0.0.1:${internalPort}/proxy-health`)).status).toBe(200);
  });
});
