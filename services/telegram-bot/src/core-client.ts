// The core's HTTP API as the telegram-bot uses it; failures say whether a retry can help.
import http from "node:http";
import https from "node:https";
import { AppError, eventPageSchema, type DeliveryStatus, type IncomingMessage } from "@wewall/shared";
import type { EventPage } from "@wewall/shared/event-feed";

export interface CoreClient {
  postMessage(dialogId: string, message: IncomingMessage): Promise<{ duplicate: boolean }>;
  reportBlocked(dialogId: string): Promise<void>;
  reportStatus(deliveryId: string, status: DeliveryStatus): Promise<void>;
  // The core's event feed after a cursor, waiting up to waitMs for something to arrive.
  events(after: number, options: { limit: number; waitMs: number; signal: AbortSignal }): Promise<EventPage>;
  close(): void;
}

// Retryable: the core is down, overloaded or timed out. Not retryable: it rejected the request itself.
export class CoreError extends AppError {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options: { status?: number; cause?: unknown } = {}) {
    super(retryable ? "core_unavailable" : "core_rejected", message, options);
    this.retryable = retryable;
  }
}

// node:http with a keep-alive agent: the hot path makes one call per update, and fetch costs several times more CPU.
export function createCoreClient(options: { baseUrl: string; timeoutMs?: number; concurrency?: number }): CoreClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const base = new URL(options.baseUrl);
  const transport = base.protocol === "https:" ? https : http;
  // The agent's socket limit is the concurrency limit; further requests queue inside it.
  const agent = new transport.Agent({ keepAlive: true, maxSockets: options.concurrency ?? 32 });

  function request(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    limits: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<unknown> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const timeout = limits.timeoutMs ?? timeoutMs;
    return new Promise((resolve, reject) => {
      const call = transport.request(
        new URL(path, base),
        {
          method,
          agent,
          timeout,
          signal: limits.signal,
          headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {},
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", (error) =>
            reject(new CoreError(`core answer broke off at ${path}`, true, { cause: error })),
          );
          response.on("end", () => {
            const status = response.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString("utf8");
            if (status >= 200 && status < 300) return resolve(text ? safeJson(text) : undefined);
            const retryable = status >= 500 || status === 429 || status === 408;
            reject(new CoreError(`core answered ${status} at ${path}: ${text.slice(0, 300)}`, retryable, { status }));
          });
        },
      );
      call.on("timeout", () => call.destroy(new Error(`no answer within ${timeout} ms`)));
      call.on("error", (error) => reject(new CoreError(`core unreachable at ${path}`, true, { cause: error })));
      call.end(payload);
    });
  }
  const post = (path: string, body: unknown) => request("POST", path, body ?? {});

  return {
    async postMessage(dialogId, message) {
      const answer = await post(`/v1/dialogs/${encodeURIComponent(dialogId)}/messages`, message);
      const duplicate = typeof answer === "object" && answer !== null && "duplicate" in answer && answer.duplicate;
      return { duplicate: duplicate === true };
    },
    async reportBlocked(dialogId) {
      await post(`/v1/dialogs/${encodeURIComponent(dialogId)}/blocked`, {});
    },
    async reportStatus(deliveryId, status) {
      await post(`/v1/deliveries/${encodeURIComponent(deliveryId)}/status`, status);
    },
    async events(after, options) {
      const answer = await request(
        "GET",
        `/v1/events?after=${after}&limit=${options.limit}&waitMs=${options.waitMs}`,
        undefined,
        { timeoutMs: options.waitMs + timeoutMs, signal: options.signal },
      );
      return eventPageSchema.parse(answer);
    },
    close: () => agent.destroy(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
