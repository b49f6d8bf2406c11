// The core's HTTP API as every service calls it: typed calls, answers parsed with the contract, one error type.
import { Pool } from "undici";
import { z } from "zod";
import { dialogViewSchema, transcriptEntrySchema, type DeliveryStatus, type DialogView } from "../contracts/dialogs.js";
import type { TranscriptEntry } from "../contracts/dialogs.js";
import { eventPageSchema, type EventPage } from "../contracts/events.js";
import { followUpAnswerSchema, type FollowUpAnswer, type FollowUpRequest } from "../contracts/follow-ups.js";
import {
  acceptedSchema,
  turnRepliesSchema,
  type IncomingMessage,
  type OperatorMessage,
  type Reply,
} from "../contracts/messages.js";
import { CoreError, coreErrorFromStatus } from "./core-error.js";

export interface CoreClientOptions {
  /** The core's origin, e.g. http://127.0.0.1:3000 (a path is ignored). */
  baseUrl: string;
  /** Sent as `authorization: Bearer <token>` with every request when set. */
  token?: string | undefined;
  /** Deadline for an answer's headers and for its body; a long poll gets its wait on top. */
  timeoutMs?: number;
  /** Requests in flight at once; further ones queue inside the client. */
  connections?: number;
}

export interface CoreClient {
  /**
   * A client's message (idempotent on messageId); `duplicate` when the core had it already. With `wait`, the turn's
   * replies too, when the turn ends within the core's wait (30 s); without them the message is still accepted.
   */
  postMessage(
    dialogId: string,
    message: IncomingMessage,
    options?: { wait?: boolean },
  ): Promise<{ duplicate: boolean; replies?: Reply[] }>;
  /** The client blocked the bot on its channel. */
  reportBlocked(dialogId: string): Promise<void>;
  /** What became of a delivery the connector acknowledged. */
  reportStatus(deliveryId: string, status: DeliveryStatus): Promise<void>;
  /** The event feed after a cursor, waiting up to waitMs for something to arrive. */
  events(after: number, options: { limit: number; waitMs: number; signal?: AbortSignal }): Promise<EventPage>;
  dialog(dialogId: string): Promise<DialogView>;
  /** The whole transcript, oldest first, read page by page. */
  transcript(dialogId: string): Promise<TranscriptEntry[]>;
  /** A manager's message to the client (idempotent on messageId); the dialog becomes manager-owned. */
  operatorMessage(dialogId: string, message: OperatorMessage): Promise<{ duplicate: boolean; deliveryId: string }>;
  handoff(dialogId: string, reason?: string): Promise<void>;
  release(dialogId: string, reason?: string): Promise<void>;
  /**
   * A follow-up to a silent client (idempotent on followUpId): sent, or refused with the reason (409). A dialog that
   * does not exist is a CoreError with status 404.
   */
  followUp(dialogId: string, request: FollowUpRequest): Promise<FollowUpAnswer>;
  /** Erases every row about the dialog; a dialog already gone counts as erased. */
  erase(dialogId: string): Promise<void>;
  /** Drops open connections; requests still in flight fail as retryable. */
  close(): Promise<void>;
}

const TRANSCRIPT_PAGE = 500;
// The core answers a waiting message within 30 s; the client allows that on top of its own deadline.
const CORE_WAIT_MS = 30_000;
const transcriptPageSchema = z.object({ entries: z.array(transcriptEntrySchema) });
const operatorAnswerSchema = z.object({ duplicate: z.boolean(), deliveryId: z.string() });

// undici's Pool: the Telegram hot path makes one call per update, and node:http costs about twice its CPU per request.
// The feed's long poll gets a connection of its own: nothing may queue behind a 25-second wait.
export function createCoreClient(options: CoreClientOptions): CoreClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const origin = new URL(options.baseUrl).origin;
  const pool = new Pool(origin, { connections: options.connections ?? 32 });
  const feed = new Pool(origin, { connections: 1 });
  const auth = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const jsonHeaders = { "content-type": "application/json", ...auth };

  async function request(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown,
    // `accept`: statuses besides 2xx whose body is an answer (the follow-up route's 409 refusal).
    limits: { timeoutMs?: number; signal?: AbortSignal | undefined; via?: Pool; accept?: number[] } = {},
  ): Promise<string> {
    const timeout = limits.timeoutMs ?? timeoutMs;
    let status: number;
    let text: string;
    try {
      const response = await (limits.via ?? pool).request({
        method,
        path,
        ...(body === undefined ? { headers: auth } : { headers: jsonHeaders, body: JSON.stringify(body) }),
        headersTimeout: timeout,
        bodyTimeout: timeout,
        signal: limits.signal ?? null,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new CoreError("core_unavailable", `core unreachable at ${method} ${path}`, { cause: error });
    }
    const answered = (status >= 200 && status < 300) || limits.accept?.includes(status) === true;
    if (!answered) throw coreErrorFromStatus(status, `${method} ${path}`, text.slice(0, 300));
    return text;
  }

  // The answer as the contract's schema reads it; anything else is the core breaking the contract.
  function read<T>(schema: z.ZodType<T>, text: string, path: string): T {
    const parsed = schema.safeParse(parseJson(text, path));
    if (parsed.success) return parsed.data;
    throw new CoreError("core_bad_answer", `core's answer at ${path} does not fit the contract`, {
      cause: parsed.error,
    });
  }

  const dialogPath = (dialogId: string) => `/v1/dialogs/${encodeURIComponent(dialogId)}`;

  return {
    async postMessage(dialogId, message, options = {}) {
      const path = `${dialogPath(dialogId)}/messages`;
      if (!options.wait)
        return { duplicate: read(acceptedSchema, await request("POST", path, message), path).duplicate };
      const text = await request("POST", `${path}?wait=true`, message, { timeoutMs: CORE_WAIT_MS + timeoutMs });
      const answer = read(z.union([turnRepliesSchema, acceptedSchema]), text, path);
      return "replies" in answer ? { duplicate: false, replies: answer.replies } : { duplicate: answer.duplicate };
    },
    async reportBlocked(dialogId) {
      await request("POST", `${dialogPath(dialogId)}/blocked`, {});
    },
    async reportStatus(deliveryId, status) {
      await request("POST", `/v1/deliveries/${encodeURIComponent(deliveryId)}/status`, status);
    },
    async events(after, { limit, waitMs, signal }) {
      const path = `/v1/events?after=${after}&limit=${limit}&waitMs=${waitMs}`;
      const text = await request("GET", path, undefined, { timeoutMs: waitMs + timeoutMs, signal, via: feed });
      return read(eventPageSchema, text, "/v1/events");
    },
    async dialog(dialogId) {
      const path = dialogPath(dialogId);
      return read(dialogViewSchema, await request("GET", path), path);
    },
    // Paged by entry id so a long history arrives whole.
    async transcript(dialogId) {
      const entries: TranscriptEntry[] = [];
      for (let after = 0; ;) {
        const path = `${dialogPath(dialogId)}/transcript?after=${after}&limit=${TRANSCRIPT_PAGE}`;
        const page = read(transcriptPageSchema, await request("GET", path), path).entries;
        entries.push(...page);
        const last = page.at(-1);
        if (page.length < TRANSCRIPT_PAGE || !last) return entries;
        after = last.id;
      }
    },
    async operatorMessage(dialogId, message) {
      const path = `${dialogPath(dialogId)}/operator-messages`;
      const { duplicate, deliveryId } = read(operatorAnswerSchema, await request("POST", path, message), path);
      return { duplicate, deliveryId };
    },
    async handoff(dialogId, reason) {
      await request("POST", `${dialogPath(dialogId)}/handoff`, reason === undefined ? {} : { reason });
    },
    async release(dialogId, reason) {
      await request("POST", `${dialogPath(dialogId)}/release`, reason === undefined ? {} : { reason });
    },
    async followUp(dialogId, followUp) {
      const path = `${dialogPath(dialogId)}/follow-ups`;
      return read(followUpAnswerSchema, await request("POST", path, followUp, { accept: [409] }), path);
    },
    async erase(dialogId) {
      try {
        await request("DELETE", dialogPath(dialogId));
      } catch (error) {
        // Already gone is what was asked for.
        if (!(error instanceof CoreError && error.status === 404)) throw error;
      }
    },
    async close() {
      await Promise.all([pool.destroy(), feed.destroy()]);
    },
  };
}

function parseJson(text: string, path: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CoreError("core_bad_answer", `core's answer at ${path} is not JSON`, { cause: error });
  }
}
