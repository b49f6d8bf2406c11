// Typed Chats API (amojo) client: every request signed over the exact bytes it sends.
import { z } from "zod";
import { AmoError, errorFromStatus } from "../amo-error.js";
import { rfc2822Date, signRequest } from "./sign-request.js";

export interface AmojoUser {
  id: string;
  name?: string;
  ref_id?: string;
  profile?: { phone?: string; email?: string };
}

export interface AmojoMessagePayload {
  timestamp: number;
  msec_timestamp: number;
  msgid: string;
  conversation_id: string;
  sender: AmojoUser;
  receiver?: AmojoUser;
  message: { type: "text"; text: string };
  silent: boolean;
}

export interface AmojoDeliveryStatus {
  msgid: string;
  delivery_status: 1 | 2 | -1;
  error_code?: number;
  error?: string;
}

export interface AmojoClientDeps {
  baseUrl: string;
  channelId: string;
  secret: string;
  // Called before every request: the per-account rate limit lives outside the client.
  beforeRequest?: () => Promise<void>;
  /** Sees every call's result: its HTTP status, or "network" when none came. */
  afterRequest?: (result: string) => void;
  timeoutMs?: number;
  now?: () => Date;
}

export type AmojoClient = ReturnType<typeof createAmojoClient>;

export function createAmojoClient(deps: AmojoClientDeps) {
  const base = deps.baseUrl.replace(/\/$/, "");

  async function call(method: string, path: string, body: unknown): Promise<unknown> {
    await deps.beforeRequest?.();
    const text = body === undefined ? "" : JSON.stringify(body);
    const headers = signRequest({
      secret: deps.secret,
      method,
      path,
      body: text,
      date: rfc2822Date(deps.now?.() ?? new Date()),
    });
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: { ...headers },
        ...(method === "GET" ? {} : { body: text }),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (error) {
      deps.afterRequest?.("network");
      throw new AmoError("amocrm_network", `amojo ${method} ${path}: network`, { cause: error });
    }
    deps.afterRequest?.(String(response.status));
    const answer = await response.text();
    if (!response.ok)
      throw errorFromStatus(response.status, `amojo ${method} ${path}`, answer, response.headers.get("retry-after"));
    try {
      return answer ? JSON.parse(answer) : {};
    } catch (error) {
      throw new AmoError("amocrm_bad_answer", `amojo ${method} ${path}: not JSON`, { cause: error, retryable: false });
    }
  }

  function parse<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new AmoError("amocrm_bad_answer", `${what}: unexpected answer`, { retryable: false });
    return parsed.data;
  }

  return {
    async connect(accountId: string, title: string): Promise<string> {
      const answer = await call("POST", `/v2/origin/custom/${deps.channelId}/connect`, {
        account_id: accountId,
        title,
        hook_api_version: "v2",
      });
      return parse(z.object({ scope_id: z.string() }), answer, "connect").scope_id;
    },
    async createChat(scopeId: string, chat: { conversationId: string; user: AmojoUser }): Promise<string> {
      const answer = await call("POST", `/v2/origin/custom/${scopeId}/chats`, {
        conversation_id: chat.conversationId,
        user: chat.user,
      });
      return parse(z.object({ id: z.string() }), answer, "create chat").id;
    },
    async sendMessage(scopeId: string, payload: AmojoMessagePayload): Promise<void> {
      await call("POST", `/v2/origin/custom/${scopeId}`, { event_type: "new_message", payload });
    },
    async deliveryStatus(scopeId: string, status: AmojoDeliveryStatus): Promise<void> {
      await call("POST", `/v2/origin/custom/${scopeId}/${encodeURIComponent(status.msgid)}/delivery_status`, status);
    },
  };
}
