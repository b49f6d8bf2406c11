// The shape of each kind of outbox row: written by the mirror, parsed again by the handler that sends it.
import { z } from "zod";
import type { OutboxCall } from "./create-outbox.js";

const customField = z.object({
  field_id: z.number().optional(),
  field_code: z.string().optional(),
  values: z.array(
    z.object({ value: z.union([z.string(), z.number(), z.boolean()]), enum_code: z.string().optional() }),
  ),
});

export const callPayloads = {
  connect: z.object({}),
  create_chat: z.object({
    dialogId: z.string(),
    user: z.object({ id: z.string(), name: z.string(), phone: z.string().optional() }),
  }),
  ensure_contact: z.object({ dialogId: z.string(), name: z.string(), phone: z.string().optional() }),
  create_lead: z.object({ dialogId: z.string(), name: z.string(), statusId: z.number().optional() }),
  link_chat: z.object({ dialogId: z.string() }),
  send_message: z.object({
    dialogId: z.string(),
    msgid: z.string(),
    direction: z.enum(["in", "out"]),
    text: z.string(),
    atMs: z.number(),
    silent: z.boolean(),
    client: z.object({ id: z.string(), name: z.string() }),
  }),
  update_lead: z.object({
    dialogId: z.string(),
    statusId: z.number().optional(),
    price: z.number().optional(),
    fields: z.array(customField).optional(),
  }),
  // `handoff`: the note may be rewritten by the model from the dialog up to atMs; `text` is the rule-built one.
  add_note: z.object({
    dialogId: z.string(),
    text: z.string(),
    handoff: z.object({ atMs: z.number(), reason: z.string().optional() }).optional(),
  }),
  update_contact: z.object({ dialogId: z.string(), name: z.string().optional(), phone: z.string().optional() }),
  delivery_status: z.object({
    dialogId: z.string(),
    msgid: z.string(),
    status: z.union([z.literal(1), z.literal(-1)]),
    errorCode: z.number().optional(),
    error: z.string().optional(),
  }),
};

export type CallKind = keyof typeof callPayloads;
export type CallPayload<K extends CallKind> = z.infer<(typeof callPayloads)[K]>;

export const CHANNEL_KEY = "_channel";

export function call<K extends CallKind>(kind: K, payload: CallPayload<K>): OutboxCall {
  const chatKey = "dialogId" in payload && typeof payload.dialogId === "string" ? payload.dialogId : CHANNEL_KEY;
  return { chatKey, kind, payload };
}
