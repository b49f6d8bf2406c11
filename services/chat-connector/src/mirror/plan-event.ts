// Turns one core event into the amoCRM calls it needs and the new state of the dialog's link (pure).
import type { DialogEvent, TranscriptEntry } from "@wewall/shared";
import { call } from "../outbox/call-payloads.js";
import type { OutboxCall } from "../outbox/create-outbox.js";
import type { DialogLink } from "../store/create-dialog-store.js";
import { buildSummary } from "./build-summary.js";
import { atMs, firstContact, leadFieldsFor, type PlanConfig } from "./plan-first-contact.js";

export type { PlanConfig };

export interface Plan {
  link: DialogLink | undefined;
  erase: boolean;
  calls: OutboxCall[];
}

// amojo accepts only documented error codes; anything else is reported as the generic one.
const amojoErrorCode = (code: string | undefined) => (code && /^90[1-5]$/.test(code) ? Number(code) : 905);

export function planEvent(
  event: DialogEvent,
  existing: DialogLink | undefined,
  config: PlanConfig,
  history: readonly TranscriptEntry[] = [],
): Plan {
  if (event.type === "dialog.erased") return { link: undefined, erase: existing !== undefined, calls: [] };
  const start = existing ? { link: { ...existing }, calls: [] } : firstContact(event, config, history);
  const link = start.link;
  const calls = start.calls;
  const dialogId = event.dialogId;
  const client = { id: link.clientUserId, name: link.clientName ?? dialogId };

  switch (event.type) {
    case "message.in": {
      const data = event.data;
      link.clientMessages++;
      calls.push(
        call("send_message", {
          dialogId,
          msgid: `in:${dialogId}:${data.messageId}`,
          direction: "in",
          text: data.text,
          atMs: atMs(event.at),
          silent: false,
          client,
        }),
      );
      if (data.user?.phone && data.user.phone !== link.phone) {
        link.phone = data.user.phone;
        if (existing) calls.push(call("update_contact", { dialogId, phone: data.user.phone }));
      }
      break;
    }
    case "message.out": {
      const data = event.data;
      // A manager's message came from amoCRM; mirroring it back would duplicate it there.
      if (data.author !== "bot") break;
      link.botMessages++;
      calls.push(
        call("send_message", {
          dialogId,
          msgid: `out:${dialogId}:${data.deliveryId}`,
          direction: "out",
          text: data.text,
          atMs: atMs(event.at),
          silent: true,
          client,
        }),
      );
      break;
    }
    case "stage.changed": {
      const data = event.data;
      link.stage = data.to;
      const statusId = config.stageMap[data.to];
      if (statusId !== undefined && link.owner !== "manager") calls.push(call("update_lead", { dialogId, statusId }));
      break;
    }
    case "slots.changed": {
      const data = event.data;
      link.slots = data.slots;
      const { fields, budget } = leadFieldsFor(data.slots, data.changed, config);
      if (fields.length || budget !== undefined)
        calls.push(
          call("update_lead", {
            dialogId,
            ...(fields.length ? { fields } : {}),
            ...(budget === undefined ? {} : { price: budget }),
          }),
        );
      const phone = data.changed.includes("phone") ? data.slots.phone : undefined;
      const name = data.changed.includes("name") ? data.slots.name : undefined;
      if (phone) link.phone = phone;
      if (phone || name)
        calls.push(call("update_contact", { dialogId, ...(phone ? { phone } : {}), ...(name ? { name } : {}) }));
      break;
    }
    case "owner.changed": {
      const data = event.data;
      if (data.owner === link.owner) break;
      link.owner = data.owner;
      if (data.owner === "manager") {
        const text = buildSummary({
          reason: data.reason,
          stage: link.stage,
          slots: link.slots,
          clientMessages: link.clientMessages,
        });
        const handoff = { atMs: atMs(event.at), ...(data.reason ? { reason: data.reason } : {}) };
        calls.push(call("add_note", { dialogId, text, handoff }));
        const statusId = config.stageMap.handoff;
        if (statusId !== undefined) calls.push(call("update_lead", { dialogId, statusId }));
      }
      break;
    }
    case "lead.created": {
      const data = event.data;
      const slots = { ...link.slots, ...data.slots };
      link.slots = slots;
      const { fields, budget } = leadFieldsFor(slots, Object.keys(slots), config);
      if (fields.length || budget !== undefined)
        calls.push(
          call("update_lead", {
            dialogId,
            ...(fields.length ? { fields } : {}),
            ...(budget === undefined ? {} : { price: budget }),
          }),
        );
      if (data.phone) link.phone = data.phone;
      if (data.phone || data.name)
        calls.push(
          call("update_contact", {
            dialogId,
            ...(data.phone ? { phone: data.phone } : {}),
            ...(data.name ? { name: data.name } : {}),
          }),
        );
      break;
    }
    case "delivery.status": {
      const data = event.data;
      // Only a manager's message has an amoCRM message to report on.
      if (data.author !== "manager" || !data.messageId) break;
      calls.push(
        call("delivery_status", {
          dialogId,
          msgid: data.messageId,
          status: data.status === "delivered" ? 1 : -1,
          ...(data.status === "failed"
            ? {
                errorCode: amojoErrorCode(data.errorCode),
                error: (data.error ?? data.errorCode ?? "not delivered").slice(0, 200),
              }
            : {}),
        }),
      );
      break;
    }
  }
  return { link, erase: false, calls };
}
