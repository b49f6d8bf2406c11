// Typed amoCRM API v4 client: bearer token from the token provider, one retry after a 401 with a fresh token.
import { z } from "zod";
import { AmoError, errorFromStatus } from "../amo-error.js";

export interface TokenProvider {
  get(): Promise<string>;
  // A 401 says the token we hold is dead: forget it so the next get() refreshes.
  invalidate(token: string): void;
}

export interface CustomFieldValue {
  field_id?: number;
  field_code?: string;
  values: Array<{ value: string | number | boolean; enum_code?: string }>;
}

export interface LeadPatch {
  id: number;
  status_id?: number;
  pipeline_id?: number;
  price?: number;
  custom_fields_values?: CustomFieldValue[];
}

export interface ContactPatch {
  id: number;
  name?: string;
  custom_fields_values?: CustomFieldValue[];
}

export interface NewLead {
  name: string;
  pipeline_id: number;
  status_id?: number;
  contactId: number;
  tags: string[];
}

export interface AmoCrmClientDeps {
  baseUrl: string;
  tokens: TokenProvider;
  beforeRequest?: () => Promise<void>;
  /** Sees every call's result: its HTTP status, or "network" when none came. */
  afterRequest?: (result: string) => void;
  timeoutMs?: number;
}

export type AmoCrmClient = ReturnType<typeof createAmoCrmClient>;

const idsAnswer = (entity: string) =>
  z.object({ _embedded: z.object({ [entity]: z.array(z.object({ id: z.number() })) }) });

export function createAmoCrmClient(deps: AmoCrmClientDeps) {
  const base = deps.baseUrl.replace(/\/$/, "");

  async function call(method: string, path: string, body?: unknown, retried = false): Promise<unknown> {
    await deps.beforeRequest?.();
    const token = await deps.tokens.get();
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
    } catch (error) {
      deps.afterRequest?.("network");
      throw new AmoError("amocrm_network", `amocrm ${method} ${path}: network`, { cause: error });
    }
    deps.afterRequest?.(String(response.status));
    const text = await response.text();
    if (response.status === 401 && !retried) {
      deps.tokens.invalidate(token);
      return call(method, path, body, true);
    }
    if (!response.ok)
      throw errorFromStatus(response.status, `amocrm ${method} ${path}`, text, response.headers.get("retry-after"));
    // amoCRM answers an empty search with 204 and no body.
    if (response.status === 204 || !text) return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new AmoError("amocrm_bad_answer", `amocrm ${method} ${path}: not JSON`, { cause: error, retryable: false });
    }
  }

  function parse<T>(schema: z.ZodType<T>, answer: unknown, what: string): T {
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new AmoError("amocrm_bad_answer", `${what}: unexpected answer`, { retryable: false });
    return parsed.data;
  }

  function firstId(answer: unknown, entity: string, what: string): number {
    const ids = parse(idsAnswer(entity), answer, what)._embedded[entity];
    const id = ids?.[0]?.id;
    if (id === undefined) throw new AmoError("amocrm_bad_answer", `${what}: no id`, { retryable: false });
    return id;
  }

  return {
    async amojoAccountId(): Promise<string> {
      const answer = await call("GET", "/api/v4/account?with=amojo_id");
      return parse(z.object({ amojo_id: z.string() }), answer, "account").amojo_id;
    },
    async findContact(query: string): Promise<number | undefined> {
      const answer = await call("GET", `/api/v4/contacts?limit=1&query=${encodeURIComponent(query)}`);
      if (answer === undefined) return undefined;
      return parse(idsAnswer("contacts"), answer, "find contact")._embedded.contacts?.[0]?.id;
    },
    async createContact(contact: { name: string; custom_fields_values: CustomFieldValue[] }): Promise<number> {
      return firstId(await call("POST", "/api/v4/contacts", [contact]), "contacts", "create contact");
    },
    async updateContacts(patches: ContactPatch[]): Promise<void> {
      await call("PATCH", "/api/v4/contacts", patches);
    },
    async createLead(lead: NewLead): Promise<number> {
      const answer = await call("POST", "/api/v4/leads", [
        {
          name: lead.name,
          pipeline_id: lead.pipeline_id,
          ...(lead.status_id === undefined ? {} : { status_id: lead.status_id }),
          _embedded: { contacts: [{ id: lead.contactId }], tags: lead.tags.map((name) => ({ name })) },
        },
      ]);
      return firstId(answer, "leads", "create lead");
    },
    // Batched: one request updates up to 50 leads, which is what keeps lead updates inside 7 req/s.
    async updateLeads(patches: LeadPatch[]): Promise<void> {
      await call("PATCH", "/api/v4/leads", patches);
    },
    async addLeadNotes(notes: Array<{ leadId: number; text: string }>): Promise<void> {
      await call(
        "POST",
        "/api/v4/leads/notes",
        notes.map((note) => ({ entity_id: note.leadId, note_type: "common", params: { text: note.text } })),
      );
    },
    async linkChats(links: Array<{ chatId: string; contactId: number }>): Promise<void> {
      await call(
        "POST",
        "/api/v4/contacts/chats",
        links.map((link) => ({ chat_id: link.chatId, contact_id: link.contactId })),
      );
    },
  };
}
