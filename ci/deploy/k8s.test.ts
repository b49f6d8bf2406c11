// deploy/k8s checked without a cluster: each object against the Kubernetes API schema (kubernetes-models), then
// probes, ports, commands and settings against the services' own config schemas, and the Ingress against the proxy.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Service } from "kubernetes-models/v1/Service";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { z } from "zod";
import { listEntries } from "../bundle-services.js";
import { DEPLOYED_SERVICES, parseEnvFile, readsVariable, serviceCommand } from "./deployed-services.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = `${root}/deploy/k8s`;
const read = (name: string) => readFileSync(`${dir}/${name}`, "utf8");

const kustomization = z
  .object({
    resources: z.array(z.string()),
    images: z.array(z.object({ name: z.string() })),
    configMapGenerator: z.array(z.object({ name: z.string(), envs: z.array(z.string()) })),
    secretGenerator: z.array(z.object({ name: z.string(), envs: z.array(z.string()) })),
  })
  .parse(parse(read("kustomization.yaml")));
const objects = kustomization.resources.flatMap((file) =>
  parseAllDocuments(read(file)).map((doc) => ({ file, data: z.looseObject({ kind: z.string() }).parse(doc.toJS()) })),
);
// The Secret's template stands in for secrets.env, which is never committed.
const config = parseEnvFile(read("config.env"));
const secrets = parseEnvFile(read("secrets.env.example"));

// Each model validates itself against the API schema; the parsed object is copied onto an empty one of its kind.
const models = {
  Deployment: (data: object) => Object.assign(new Deployment(), data).validate(),
  Service: (data: object) => Object.assign(new Service(), data).validate(),
  HorizontalPodAutoscaler: (data: object) => Object.assign(new HorizontalPodAutoscaler(), data).validate(),
  PodDisruptionBudget: (data: object) => Object.assign(new PodDisruptionBudget(), data).validate(),
  Ingress: (data: object) => Object.assign(new Ingress(), data).validate(),
  Namespace: (data: object) => Object.assign(new Namespace(), data).validate(),
  PersistentVolumeClaim: (data: object) => Object.assign(new PersistentVolumeClaim(), data).validate(),
};

const probe = z.object({ httpGet: z.object({ path: z.string(), port: z.union([z.string(), z.number()]) }) });
const deployment = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    selector: z.object({ matchLabels: z.record(z.string(), z.string()) }),
    template: z.object({
      metadata: z.object({ labels: z.record(z.string(), z.string()) }),
      spec: z.object({
        terminationGracePeriodSeconds: z.number(),
        containers: z.array(
          z.object({
            image: z.string(),
            command: z.array(z.string()),
            envFrom: z.array(z.object({ configMapRef: z.object({ name: z.string() }).optional() }).loose()),
            env: z.array(z.object({ name: z.string(), value: z.string() })),
            ports: z.array(z.object({ name: z.string(), containerPort: z.number() })),
            readinessProbe: probe,
            livenessProbe: probe,
            lifecycle: z.object({ preStop: z.object({ sleep: z.object({ seconds: z.number() }) }) }).optional(),
          }),
        ),
      }),
    }),
  }),
});
const service = z.object({
  metadata: z.object({ name: z.string() }),
  spec: z.object({
    selector: z.record(z.string(), z.string()),
    ports: z.array(z.object({ port: z.number(), targetPort: z.union([z.string(), z.number()]) })),
  }),
});
const ingress = z.object({
  metadata: z.object({ annotations: z.record(z.string(), z.string()).optional() }),
  spec: z.object({
    rules: z.array(
      z.object({
        http: z.object({
          paths: z.array(
            z.object({
              path: z.string(),
              backend: z.object({ service: z.object({ name: z.string(), port: z.object({ number: z.number() }) }) }),
            }),
          ),
        }),
      }),
    ),
  }),
});
const ofKind = <T>(kind: string, schema: z.ZodType<T>) =>
  objects.filter((o) => o.data.kind === kind).map((o) => schema.parse(o.data));
const deployments = ofKind("Deployment", deployment);
const services = ofKind("Service", service);

const deployedFor = (d: z.infer<typeof deployment>) => {
  const entry = d.spec.template.spec.containers[0]?.command[2]?.match(/^dist\/(.+)\.js$/)?.[1];
  const found = Object.values(DEPLOYED_SERVICES).find((s) => s.entry === entry);
  if (!found) throw new Error(`${d.metadata.name}: no deployed service runs ${entry}`);
  return found;
};
const envOf = (d: z.infer<typeof deployment>) => {
  const container = d.spec.template.spec.containers[0];
  return { ...config, ...secrets, ...Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value])) };
};

describe("deploy/k8s", () => {
  it("holds only objects valid against the Kubernetes API schema", () => {
    for (const { file, data } of objects) {
      const validate = models[data.kind as keyof typeof models];
      expect(validate, `${file}: ${data.kind}`).toBeDefined();
      expect(() => validate(data), file).not.toThrow();
    }
  });

  it("runs every deployed service from the one image with the image's command", () => {
    const entries = listEntries(root);
    expect(deployments.map((d) => deployedFor(d).entry).sort()).toEqual(Object.keys(DEPLOYED_SERVICES).sort());
    expect(kustomization.images.map((i) => i.name)).toEqual(["wewall"]);
    for (const d of deployments) {
      const [container] = d.spec.template.spec.containers;
      expect(container?.image).toBe("wewall");
      expect(container?.command).toEqual(serviceCommand(deployedFor(d).entry));
      expect(entries[deployedFor(d).entry]).toBeDefined();
      expect(container?.envFrom.map((e) => e.configMapRef?.name ?? "secret")).toEqual(["wewall-config", "secret"]);
    }
  });

  it("probes readiness on /ready and liveness on /health, on the port the service listens on", () => {
    for (const d of deployments) {
      const [container] = d.spec.template.spec.containers;
      const loaded = deployedFor(d).loadConfig(envOf(d));
      expect(container?.readinessProbe.httpGet.path).toBe("/ready");
      expect(container?.livenessProbe.httpGet.path).toBe("/health");
      const named = container?.ports.find((p) => p.name === container.readinessProbe.httpGet.port);
      expect(named?.containerPort, d.metadata.name).toBe(loaded.port);
      expect(container?.livenessProbe.httpGet.port).toBe(named?.name);
      // The kubelet's SIGKILL comes after the pre-stop pause and the service's own shutdown deadline.
      const preStopMs = (container?.lifecycle?.preStop.sleep.seconds ?? 0) * 1000;
      expect(d.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(
        preStopMs + loaded.shutdownTimeoutMs,
      );
    }
  });

  it("gives each Deployment a Service on its port, and points every URL at one", () => {
    const ports = new Map<string, number>();
    for (const d of deployments) {
      const s = services.find((candidate) => candidate.metadata.name === d.metadata.name);
      expect(s?.spec.selector, d.metadata.name).toEqual(d.spec.selector.matchLabels);
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
      expect(s?.spec.ports[0]?.targetPort).toBe("http");
      expect(s?.spec.ports[0]?.port).toBe(deployedFor(d).loadConfig(envOf(d)).port);
      ports.set(d.metadata.name, s?.spec.ports[0]?.port ?? 0);
    }
    const urls = [config.CALCULATOR_URL, config.SEARCH_URL, config.CORE_URL, config.CHANNEL_URLS?.split("=")[1]];
    for (const url of urls.map((u) => new URL(u ?? "missing:"))) {
      expect(ports.get(url.hostname), url.href).toBe(Number(url.port));
    }
  });

  it("sets no variable that no service reads", () => {
    for (const key of [...Object.keys(config), ...Object.keys(secrets)]) {
      const readers = deployments.filter((d) => readsVariable(deployedFor(d), envOf(d), key));
      expect(readers.length, key).toBeGreaterThan(0);
    }
  });

  it("autoscales the core and the tool services, and keeps a core replica through disruptions", () => {
    const targets = objects
      .filter((o) => o.data.kind === "HorizontalPodAutoscaler")
      .map((o) => z.object({ spec: z.object({ scaleTargetRef: z.object({ name: z.string() }) }) }).parse(o.data));
    expect(targets.map((t) => t.spec.scaleTargetRef.name).sort()).toEqual(["analog-search", "calculator", "core"]);
    const [budget] = objects
      .filter((o) => o.data.kind === "PodDisruptionBudget")
      .map((o) =>
        z
          .object({
            spec: z.object({
              minAvailable: z.number(),
              selector: z.object({ matchLabels: z.record(z.string(), z.string()) }),
            }),
          })
          .parse(o.data),
      );
    const core = deployments.find((d) => d.metadata.name === "core");
    expect(budget?.spec.selector.matchLabels).toEqual(core?.spec.selector.matchLabels);
    expect(budget?.spec.minAvailable).toBe(1);
  });

  it("exposes the same public routes as the proxy, to the same services and ports", () => {
    const ingressPaths = ofKind("Ingress", ingress).flatMap((i) => {
      const rewritten = i.metadata.annotations?.["nginx.ingress.kubernetes.io/rewrite-target"] ? " (rewritten)" : "";
      return i.spec.rules.flatMap((rule) =>
        rule.http.paths.map((p) => {
          const { name, port } = p.backend.service;
          return `${p.path.replace("([^/]+)$", "")} -> ${name}:${port.number}${rewritten}`;
        }),
      );
    });
    expect(ingressPaths.sort()).toEqual(proxyRoutes().sort());
  });
});

/** The public server's routes in ci/nginx/wewall.conf: "path -> host:port", "(rewritten)" when a rewrite applies. */
function proxyRoutes(): string[] {
  const conf = readFileSync(`${root}/ci/nginx/wewall.conf`, "utf8");
  const publicServer = conf.slice(conf.indexOf("listen 443"), conf.indexOf("listen 8080"));
  const routes: string[] = [];
  for (const block of publicServer.split(/\n {2}location /).slice(1)) {
    const path = block.match(/^(?:= |\^~ )?(\S+) \{/)?.[1];
    const upstream = block.match(/^\s+set \$\w+ ([\w-]+:\d+);/m)?.[1];
    if (!path || !upstream) continue;
    routes.push(`${path} -> ${upstream}${/^\s+rewrite /m.test(block) ? " (rewritten)" : ""}`);
  }
  return routes;
}
