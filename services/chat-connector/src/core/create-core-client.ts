// The core's HTTP API as the connector uses it: the event feed, transcripts, operator messages, release, erase.
import {
  eventPageSchema,
  sendJson,
  transcriptEntrySchema,
  type EventPage,
  type JsonResponse,
  type TranscriptEntry,
} from "@wewall/shared";
import { z } from "zod";

export class CoreError extends Error {
  readonly code = "core_http";
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "CoreError";
    this.status = options.status;
  }
  // 4xx other than 408/429 will not get better by retrying.
  get permanent(): boolean {
    return (
      this.status !== undefined && this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429
    );
  }
}

export type CoreClient = ReturnType<typeof createCoreClient>;

export function createCoreClient(deps: { baseUrl: string; timeoutMs?: number }) {
  const base = deps.baseUrl.replace(/\/$/, "");

  async function request(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown,
    timeoutMs = deps.timeoutMs ?? 10_000,
    abort?: AbortSignal,
  ): Promise<unknown> {
    let response: JsonResponse;
    try {
      response = await sendJson(method, base + path, body, { timeoutMs, ...(abort ? { signal: abort } : {}) });
    } catch (error) {
      throw new CoreError(`core ${method} ${path}: network`, { cause: error });
    }
    const { status, text } = response;
    if (status < 200 || status >= 300)
      throw new CoreError(`core ${method} ${path}: HTTP ${status} ${text.slice(0, 200)}`, { status });
    return text ? JSON.parse(text) : undefined;
  }

  const dialogPath = (dialogId: string) => `/v1/dialogs/${encodeURIComponent(dialogId)}`;

  return {
    async events(after: number, options: { limit: number; waitMs: number; signal?: AbortSignal }): Promise<EventPage> {
      const answer = await request(
        "GET",
        `/v1/events?after=${after}&limit=${options.limit}&waitMs=${options.waitMs}`,
        undefined,
        options.waitMs + 10_000,
        options.signal,
      );
      // Events this service cannot read come back set aside, for the follower to report; they never fail the page.
      return eventPageSchema.parse(answer);
    },
    // Paged by entry id so a long history arrives whole.
    async transcript(dialogId: string): Promise<TranscriptEntry[]> {
      const entries: TranscriptEntry[] = [];
      for (let after = 0; ;) {
        const answer = await request("GET", `${dialogPath(dialogId)}/transcript?after=${after}&limit=500`);
        const page = z.object({ entries: z.array(transcriptEntrySchema) }).parse(answer).entries;
        entries.push(...page);
        const last = page.at(-1);
        if (page.length < 500 || !last) return entries;
        after = last.id;
      }
    },
    async operatorMessage(
      dialogId: string,
      message: { messageId: string; text: string; operator?: string },
    ): Promise<void> {
      await request("POST", `${dialogPath(dialogId)}/operator-messages`, message);
    },
    async release(dialogId: string, reason: string): Promise<void> {
      await request("POST", `${dialogPath(dialogId)}/release`, { reason });
    },
    async erase(dialogId: string): Promise<void> {
      try {
        await request("DELETE", dialogPath(dialogId));
      } catch (error) {
        // Already gone is what we wanted.
        if (!(error instanceof CoreError && error.status === 404)) throw error;
      }
    },
  };
}
