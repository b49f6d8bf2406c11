// The fetch grammY calls the Bot API with, on node:http(s) keep-alive: node-fetch costs several times the CPU per call.
import http from "node:http";
import https from "node:https";

interface AbortSignalLike {
  aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

export interface LightRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | AsyncIterable<Uint8Array | string>;
  signal?: AbortSignalLike;
}

export interface LightResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export function createLightFetch(options: { maxSockets?: number } = {}) {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 256 }),
  };

  function lightFetch(input: string | URL, init: LightRequestInit = {}): Promise<LightResponse> {
    const url = typeof input === "string" ? new URL(input) : input;
    const transport = url.protocol === "https:" ? https : http;
    const agent = url.protocol === "https:" ? agents["https:"] : agents["http:"];
    return new Promise((resolve, reject) => {
      const signal = init.signal;
      if (signal?.aborted) return reject(new Error("request aborted"));
      const request = transport.request(
        url,
        { method: init.method ?? "GET", headers: init.headers, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          response.on("end", () => {
            signal?.removeEventListener("abort", onAbort);
            const text = Buffer.concat(chunks).toString("utf8");
            const status = response.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              text: async () => text,
              json: async () => JSON.parse(text),
            });
          });
        },
      );
      function fail(error: Error) {
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      }
      function onAbort() {
        request.destroy(new Error("request aborted"));
      }
      signal?.addEventListener("abort", onAbort);
      request.on("error", fail);
      void writeBody(request, init.body).catch((error: unknown) =>
        request.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  return Object.assign(lightFetch, {
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  });
}

// File uploads arrive as a stream of form-data chunks; JSON calls as one string.
async function writeBody(request: http.ClientRequest, body: LightRequestInit["body"]): Promise<void> {
  if (body === undefined || typeof body === "string" || body instanceof Uint8Array) {
    request.end(body);
    return;
  }
  for await (const chunk of body) {
    if (!request.write(chunk)) await new Promise((resolve) => request.once("drain", resolve));
  }
  request.end();
}
