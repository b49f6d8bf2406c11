// The core's HTTP API as the telegram-bot uses it; failures say whether a retry can help.
import { Pool } from "undici";
import { AppError, eventPageSchema, type DeliveryStatus, type IncomingMessage } from "@wewall/shared";
import type { EventPage } from "@wewall/shared/event-feed";

export interface CoreClient {
  postMessage(dialogId: string, message: IncomingMessage): Promise<{ duplicate: boolean }>;
  reportBlocked(dialogId: string): Promise<void>;
  reportStatus(deliveryId: string, status: DeliveryStatus): Promise<void>;
  // The core's event feed after a cursor, waiting up to waitMs for something to arrive.
  events(after: number, options: { limit: number; waitMs: number; signal: AbortSignal }): Promise<EventPage>;
  // Drops open connections; requests still in flight fail (they are retried by the next start).
  close(): Promise<void>;
}

// Retryable: the core is down, overloaded or timed out. Not retryable: it rejected the request itself.
export class CoreError extends AppError {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options: { status?: number; cause?: unknown } = {}) {
    super(retryable ? "core_unavailable" : "core_rejected", message, options);
    this.retryable = retryable;
  }
}

// undici: the hot path makes one call per update, and node:http costs about twice its CPU per request.
// The feed's long poll gets a connection of its own: nothing must queue behind a 25-second wait.
export function createCoreClient(options: { baseUrl: string; timeoutMs?: number; concurrency?: number }): CoreClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const origin = new URL(options.baseUrl).origin;
  // The pool's connection limit is the concurrency limit; further requests queue inside it.
  const pool = new Pool(origin, { connections: options.concurrency ?? 32 });
  const feed = new Pool(origin, { connections: 1 });

  async function request(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    limits: { timeoutMs?: number; signal?: AbortSignal; via?: Pool } = {},
  ): Promise<unknown> {
    const timeout = limits.timeoutMs ?? timeoutMs;
    let status: number;
    let text: string;
    try {
      const response = await (limits.via ?? pool).request({
        method,
        path,
        ...(body === undefined ? {} : { headers: JSON_HEADERS, body: JSON.stringify(body) }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: limits.signal ?? null,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new CoreError(`core unreachable at ${path}`, true, { cause: error });
    }
    if (status >= 200 && status < 300) return text ? safeJson(text) : undefined;
    const retryable = status >= 500 || status === 429 || status === 408;
    throw new CoreError(`core answered ${status} at ${path}: ${text.slice(0, 300)}`, retryable, { status });
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
        { timeoutMs: options.waitMs + timeoutMs, signal: options.signal, via: feed },
      );
      return eventPageSchema.parse(answer);
    },
    close: async () => {
      await Promise.all([pool.destroy(), feed.destroy()]);
    },
  };
}

const JSON_HEADERS = { "content-type": "application/json" };

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
