// The fetch grammY calls the Bot API with, on an undici keep-alive agent: node-fetch and node:http cost several times
// its CPU per call.
import { Readable } from "node:stream";
import { Agent, request } from "undici";

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

export function createLightFetch(options: { connections?: number } = {}) {
  // Timeouts are grammY's (its signal aborts a call after TELEGRAM_TIMEOUT_SECONDS), not the agent's.
  const agent = new Agent({ connections: options.connections ?? 256, headersTimeout: 0, bodyTimeout: 0 });

  async function lightFetch(input: string | URL, init: LightRequestInit = {}): Promise<LightResponse> {
    // grammY's signal comes from an AbortController polyfill; undici wants the real one.
    const abort = new AbortController();
    const onAbort = () => abort.abort(new Error("request aborted"));
    if (init.signal?.aborted) throw new Error("request aborted");
    init.signal?.addEventListener("abort", onAbort);
    try {
      const response = await request(input, {
        dispatcher: agent,
        method: init.method ?? "GET",
        ...(init.headers ? { headers: init.headers } : {}),
        ...(init.body === undefined ? {} : { body: bodyOf(init.body) }),
        signal: abort.signal,
      });
      const text = await response.body.text();
      const status = response.statusCode;
      return {
        ok: status >= 200 && status < 300,
        status,
        text: async () => text,
        json: async () => JSON.parse(text),
      };
    } finally {
      init.signal?.removeEventListener("abort", onAbort);
    }
  }

  return Object.assign(lightFetch, { close: () => agent.destroy() });
}

// File uploads arrive as a stream of form-data chunks; JSON calls as one string.
function bodyOf(body: NonNullable<LightRequestInit["body"]>): string | Uint8Array | Readable {
  return typeof body === "string" || body instanceof Uint8Array ? body : Readable.from(body);
}
