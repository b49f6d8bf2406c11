// Starts a worker thread running a TypeScript module: workers do not inherit tsx's loader, so a bootstrap registers it.
import { Worker } from "node:worker_threads";

export function startTypeScriptWorker(
  module: URL,
  options: { workerData?: unknown; env?: NodeJS.ProcessEnv } = {},
): Worker {
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const bootstrap = `import(${tsx}).then((api) => { api.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: options.workerData, env: options.env ?? process.env });
}
