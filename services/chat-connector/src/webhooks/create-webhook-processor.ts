// Works off stored webhooks after amoCRM has its 200: manager replies to the core, closed leads, deleted contacts.
import { backoffDelay, CoreError, sleep, type BackoffOptions, type CoreClient, type Logger } from "@wewall/shared";
import { z } from "zod";
import type { DialogStore } from "../store/create-dialog-store.js";
import type { Inbox, InboxRow } from "../store/create-inbox.js";
import { chatWebhookSchema, type ChatWebhook } from "./webhook-schemas.js";

export interface WebhookProcessorDeps {
  inbox: Inbox;
  core: Pick<CoreClient, "operatorMessage" | "release" | "erase">;
  dialogs: DialogStore;
  botId: string;
  logger: Logger;
  backoff?: BackoffOptions;
  idleMs?: number;
}

// A file or picture has no text: the client still gets a line saying what the manager sent.
export function operatorText(message: ChatWebhook["message"]["message"]): string {
  const text = message.text?.trim();
  if (text) return text;
  if (message.file_name) return `[файл] ${message.file_name}${message.media ? ` ${message.media}` : ""}`;
  if (message.media) return `[вложение] ${message.media}`;
  return `[${message.type}]`;
}

const idPayload = z.object({ id: z.number() });
const chatPayload = z.object({ chatId: z.string() });

export type WebhookProcessor = ReturnType<typeof createWebhookProcessor>;

export function createWebhookProcessor(deps: WebhookProcessorDeps) {
  const backoff = deps.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  let running = false;
  let loop: Promise<void> | undefined;
  // Aborted to end an idle wait early: a stored webhook or a shutdown.
  let idle = new AbortController();

  async function handle(row: InboxRow): Promise<void> {
    if (row.source === "chat") {
      const hook = chatWebhookSchema.parse(row.payload);
      const { sender, conversation, message } = hook.message;
      // Our own bot's messages echo back through the webhook; only humans take over.
      if (sender.ref_id === deps.botId || sender.id === deps.botId) return;
      await deps.core.operatorMessage(conversation.client_id, {
        messageId: message.id,
        text: operatorText(message),
        ...(sender.name ? { operator: sender.name } : {}),
      });
      deps.logger.info(
        { dialogId: conversation.client_id, amoMessageId: message.id },
        "manager message handed to the core",
      );
      return;
    }
    if (row.source === "lead_closed") {
      const { id } = idPayload.parse(row.payload);
      for (const dialogId of await deps.dialogs.byLead(id)) {
        await deps.core.release(dialogId, "lead_closed");
        deps.logger.info({ dialogId, leadId: id }, "lead closed in amoCRM: dialog returned to the bot");
      }
      return;
    }
    if (row.source === "talk_closed") {
      const { chatId } = chatPayload.parse(row.payload);
      for (const dialogId of await deps.dialogs.byChat(chatId)) {
        await deps.core.release(dialogId, "talk_closed");
        deps.logger.info({ dialogId }, "manager closed the talk: dialog returned to the bot");
      }
      return;
    }
    if (row.source === "contact_deleted") {
      const { id } = idPayload.parse(row.payload);
      for (const dialogId of await deps.dialogs.byContact(id)) {
        await deps.core.erase(dialogId);
        await deps.dialogs.erase(dialogId);
        deps.logger.info({ dialogId, contactId: id }, "contact deleted in amoCRM: dialog erased");
      }
    }
  }

  async function tick(): Promise<number> {
    const rows = await deps.inbox.claim(32, 60_000);
    await Promise.all(
      rows.map(async (row) => {
        try {
          await handle(row);
          await deps.inbox.complete(row.id);
        } catch (error) {
          const permanent = error instanceof z.ZodError || (error instanceof CoreError && !error.retryable);
          const message = error instanceof Error ? error.message : String(error);
          if (permanent) {
            deps.logger.error(
              { rowId: row.id, source: row.source, dialogId: row.dialogId, error: message },
              "webhook could not be applied",
            );
            await deps.inbox.complete(row.id, "failed", message);
          } else {
            const delay = backoffDelay(row.attempts - 1, backoff);
            deps.logger.warn(
              { rowId: row.id, source: row.source, delayMs: delay, error: message },
              "webhook will be retried",
            );
            await deps.inbox.retry(row.id, delay, message);
          }
        }
      }),
    );
    return rows.length;
  }

  return {
    tick,
    wake: () => idle.abort(),
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          let handled = 0;
          try {
            handled = await tick();
          } catch (error) {
            deps.logger.error({ err: error }, "webhook inbox claim failed");
          }
          if (handled > 0 || !running) continue;
          idle = new AbortController();
          await sleep(deps.idleMs ?? 500, idle.signal);
        }
      })();
    },
    async stop() {
      running = false;
      idle.abort();
      await loop;
    },
  };
}
