// The core's HTTP API as the telegram-bot uses it; failures say whether a retry can help.
import { AppError, type DeliveryStatus, type IncomingMessage } from "@wewall/shared";
import { createSemaphore } from "./semaphore.js";

export interface CoreClient {
  postMessage(dialogId: string, message: IncomingMessage): Promise<{ duplicate: boolean }>;
  reportBlocked(dialogId: string): Promise<void>;
  reportStatus(deliveryId: string, status: DeliveryStatus): Promise<void>;
}

// Retryable: the core is down, overloaded or timed out. Not retryable: it rejected the request itself.
export class CoreError extends AppError {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean, options: { status?: number; cause?: unknown } = {}) {
    super(retryable ? "core_unavailable" : "core_rejected", message, options);
    this.retryable = retryable;
  }
}

export function createCoreClient(options: { baseUrl: string; timeoutMs?: number; concurrency?: number }): CoreClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const limit = createSemaphore(options.concurrency ?? 64);

  async function post(path: string, body: unknown): Promise<unknown> {
    return limit(async () => {
      let response: Response;
      try {
        response = await fetch(`${options.baseUrl}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body ?? {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new CoreError(`core unreachable at ${path}`, true, { cause: error });
      }
      const text = await response.text().catch(() => "");
      if (response.ok) return text ? safeJson(text) : undefined;
      const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new CoreError(`core answered ${response.status} at ${path}: ${text.slice(0, 300)}`, retryable, {
        status: response.status,
      });
    });
  }

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
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
