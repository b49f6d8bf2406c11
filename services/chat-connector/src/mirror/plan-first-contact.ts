// What a dialog's first sighting costs in amoCRM: chat, contact, lead, link, and the import of its past.
import type { DialogEvent, TranscriptEntry } from "@wewall/shared";
import type { CustomFieldValue } from "../amocrm/create-amocrm-client.js";
import type { Config } from "../config.js";
import { call } from "../outbox/call-payloads.js";
import type { OutboxCall } from "../outbox/create-outbox.js";
import { newDialogLink, type DialogLink } from "../store/create-dialog-store.js";

export type PlanConfig = Pick<Config, "stageMap" | "leadFields">;

export const atMs = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Date.now() : ms;
};

export function firstContact(
  event: DialogEvent,
  config: PlanConfig,
  history: readonly TranscriptEntry[],
): { link: DialogLink; calls: OutboxCall[] } {
  const user = event.type === "message.in" ? event.data.user : undefined;
  const name = user?.name ?? user?.username ?? event.dialogId;
  const link = newDialogLink(event.dialogId, { name, phone: user?.phone });
  const dialogId = event.dialogId;
  const client = { id: link.clientUserId, name };
  const calls: OutboxCall[] = [
    call("create_chat", { dialogId, user: { id: client.id, name, ...(user?.phone ? { phone: user.phone } : {}) } }),
    call("ensure_contact", { dialogId, name, ...(user?.phone ? { phone: user.phone } : {}) }),
    call("create_lead", {
      dialogId,
      name: `WeWall AI: ${name}`,
      ...(config.stageMap.greeting ? { statusId: config.stageMap.greeting } : {}),
    }),
    call("link_chat", { dialogId }),
  ];
  // An existing conversation: one import, every message silent but the last, so amoCRM notifies once.
  history.forEach((entry, index) => {
    calls.push(
      call("send_message", {
        dialogId,
        msgid: `hist:${dialogId}:${entry.id}`,
        direction: entry.author === "client" ? "in" : "out",
        text: entry.author === "manager" ? `[менеджер] ${entry.text}` : entry.text,
        atMs: atMs(entry.at),
        silent: index < history.length - 1,
        client,
      }),
    );
  });
  return { link, calls };
}

export function leadFieldsFor(slots: Record<string, unknown>, names: readonly string[], config: PlanConfig) {
  const fields: CustomFieldValue[] = [];
  for (const name of names) {
    const fieldId = config.leadFields[name];
    const value = slots[name];
    if (fieldId === undefined || value === undefined || value === null) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      fields.push({ field_id: fieldId, values: [{ value }] });
  }
  const budget = names.includes("budget") && typeof slots.budget === "number" ? slots.budget : undefined;
  return { fields, budget };
}
