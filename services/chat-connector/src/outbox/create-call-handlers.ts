// What each kind of outbox row does in amoCRM; ids it needs are read at send time, ids it creates are stored.
import type pg from "pg";
import { z } from "zod";
import type { Logger } from "@wewall/shared";
import { AmoError } from "../amo-error.js";
import type { AmoCrmClient } from "../amocrm/create-amocrm-client.js";
import type { AmojoClient } from "../amojo/create-amojo-client.js";
import type { ChannelConnection } from "../amojo/create-channel-connection.js";
import type { Config } from "../config.js";
import { handoffHeader } from "../mirror/build-summary.js";
import type { DialogLink, DialogStore } from "../store/create-dialog-store.js";
import type { SummaryWriter } from "../summary/create-summary-writer.js";
import { callPayloads, type CallKind } from "./call-payloads.js";
import type { CallHandler } from "./create-outbox-worker.js";
import type { Outbox, OutboxRow } from "./create-outbox.js";
import { batched, gone, imField, phoneField, single } from "./handler-kit.js";

export interface CallHandlerDeps {
  pool: pg.Pool;
  config: Pick<Config, "botId" | "botName" | "pipelineId">;
  dialogs: DialogStore;
  channel: ChannelConnection;
  outbox: Outbox;
  summaries: SummaryWriter;
  amojo: AmojoClient;
  amocrm: AmoCrmClient;
  logger: Logger;
}

export function createCallHandlers(deps: CallHandlerDeps): Record<CallKind, CallHandler> {
  function payload<T>(schema: z.ZodType<T>, row: OutboxRow): T {
    const parsed = schema.safeParse(row.payload);
    if (!parsed.success)
      throw new AmoError("amocrm_bad_answer", `outbox row ${row.id}: bad ${row.kind} payload`, { retryable: false });
    return parsed.data;
  }

  // A prerequisite that failed for good will never appear: the dependent call fails too instead of waiting forever.
  async function notReady(dialogId: string, what: string, kinds: CallKind[]): Promise<AmoError> {
    const { rowCount } = await deps.pool.query(
      "SELECT 1 FROM amo_outbox WHERE chat_key = $1 AND status = 'failed' AND kind = ANY($2) LIMIT 1",
      [dialogId, kinds],
    );
    return rowCount
      ? new AmoError("not_ready", `${what} could not be created`, { retryable: false })
      : new AmoError("not_ready", `waiting for ${what}`);
  }

  async function dialog(dialogId: string): Promise<DialogLink | typeof gone> {
    return (await deps.dialogs.get(dialogId)) ?? gone;
  }

  return {
    connect: single(async () => {
      await deps.channel.connect();
    }),

    create_chat: single(async (row) => {
      const p = payload(callPayloads.create_chat, row);
      const link = await dialog(p.dialogId);
      if (link === gone || link.amojoChatId) return;
      const chatId = await deps.channel.withScope(row.id, (scopeId) =>
        deps.amojo.createChat(scopeId, {
          conversationId: p.dialogId,
          user: { id: p.user.id, name: p.user.name, ...(p.user.phone ? { profile: { phone: p.user.phone } } : {}) },
        }),
      );
      await deps.dialogs.setRemoteIds(p.dialogId, { amojoChatId: chatId });
    }),

    ensure_contact: single(async (row) => {
      const p = payload(callPayloads.ensure_contact, row);
      const link = await dialog(p.dialogId);
      if (link === gone || link.contactId) return;
      const phone = link.phone ?? p.phone;
      let contactId = await deps.amocrm.findContact(phone ?? p.dialogId);
      contactId ??= await deps.amocrm.createContact({
        name: link.clientName ?? p.name,
        custom_fields_values: phone ? [phoneField(phone), imField(p.dialogId)] : [imField(p.dialogId)],
      });
      await deps.dialogs.setRemoteIds(p.dialogId, { contactId });
    }),

    create_lead: single(async (row) => {
      const p = payload(callPayloads.create_lead, row);
      const link = await dialog(p.dialogId);
      if (link === gone || link.leadId) return;
      if (!link.contactId) throw await notReady(p.dialogId, "the contact", ["ensure_contact"]);
      const leadId = await deps.amocrm.createLead({
        name: p.name,
        pipeline_id: deps.config.pipelineId,
        ...(p.statusId === undefined ? {} : { status_id: p.statusId }),
        contactId: link.contactId,
        tags: ["WeWall AI"],
      });
      await deps.dialogs.setRemoteIds(p.dialogId, { leadId });
    }),

    link_chat: batched(
      async (row) => {
        const { dialogId } = payload(callPayloads.link_chat, row);
        const link = await dialog(dialogId);
        if (link === gone) return gone;
        if (!link.amojoChatId || !link.contactId)
          throw await notReady(dialogId, "the chat and the contact", ["create_chat", "ensure_contact"]);
        return { chatId: link.amojoChatId, contactId: link.contactId };
      },
      (items) => deps.amocrm.linkChats(items),
    ),

    send_message: single(async (row) => {
      const p = payload(callPayloads.send_message, row);
      const client = { id: p.client.id, name: p.client.name };
      const bot = { id: deps.config.botId, ref_id: deps.config.botId, name: deps.config.botName };
      await deps.channel.withScope(row.id, (scopeId) =>
        deps.amojo.sendMessage(scopeId, {
          timestamp: Math.floor(p.atMs / 1000),
          msec_timestamp: p.atMs,
          msgid: p.msgid,
          conversation_id: p.dialogId,
          ...(p.direction === "in" ? { sender: client } : { sender: bot, receiver: client }),
          message: { type: "text", text: p.text },
          silent: p.silent,
        }),
      );
    }),

    update_lead: batched(
      async (row) => {
        const p = payload(callPayloads.update_lead, row);
        const link = await dialog(p.dialogId);
        if (link === gone) return gone;
        if (!link.leadId) throw await notReady(p.dialogId, "the lead", ["create_lead", "ensure_contact"]);
        return {
          id: link.leadId,
          ...(p.statusId === undefined ? {} : { status_id: p.statusId, pipeline_id: deps.config.pipelineId }),
          ...(p.price === undefined ? {} : { price: p.price }),
          ...(p.fields?.length ? { custom_fields_values: p.fields } : {}),
        };
      },
      (items) => deps.amocrm.updateLeads(items),
    ),

    add_note: batched(
      async (row) => {
        const p = payload(callPayloads.add_note, row);
        const link = await dialog(p.dialogId);
        if (link === gone) return gone;
        if (!link.leadId) throw await notReady(p.dialogId, "the lead", ["create_lead", "ensure_contact"]);
        if (!p.handoff) return { leadId: link.leadId, text: p.text };
        const text = await deps.summaries.write({
          dialogId: p.dialogId,
          ruleBuilt: p.text,
          header: handoffHeader(p.handoff.reason),
          atMs: p.handoff.atMs,
        });
        // Written once: should amoCRM refuse the request, the retry sends this note without asking the model again.
        await deps.outbox.replacePayload(row.id, { dialogId: p.dialogId, text });
        return { leadId: link.leadId, text };
      },
      (items) => deps.amocrm.addLeadNotes(items),
    ),

    update_contact: batched(
      async (row) => {
        const p = payload(callPayloads.update_contact, row);
        const link = await dialog(p.dialogId);
        if (link === gone) return gone;
        if (!link.contactId) throw await notReady(p.dialogId, "the contact", ["ensure_contact"]);
        return {
          id: link.contactId,
          ...(p.name ? { name: p.name } : {}),
          ...(p.phone ? { custom_fields_values: [phoneField(p.phone), imField(p.dialogId)] } : {}),
        };
      },
      (items) => deps.amocrm.updateContacts(items),
    ),

    delivery_status: single(async (row) => {
      const p = payload(callPayloads.delivery_status, row);
      await deps.channel.withScope(row.id, (scopeId) =>
        deps.amojo.deliveryStatus(scopeId, {
          msgid: p.msgid,
          delivery_status: p.status,
          ...(p.errorCode === undefined ? {} : { error_code: p.errorCode }),
          ...(p.error === undefined ? {} : { error: p.error }),
        }),
      );
    }),
  };
}
