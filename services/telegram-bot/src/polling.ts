// Long polling for local use: each batch of updates is stored before its offset is confirmed to Telegram.
// grammY on Node types its signals after this polyfill; the global AbortController does not type-check there.
import { AbortController as PollAbortController } from "abort-controller";
import type { Api } from "grammy";
import { backoffDelay, sleep, type Logger } from "@wewall/shared";
import { describeError } from "./describe-error.js";
import type { InboxStore, StoredUpdate } from "./inbox-store.js";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

export interface Polling {
  stop(): Promise<void>;
}

export async function startPolling(deps: {
  api: Api;
  inbox: InboxStore;
  logger: Logger;
  onStored(stored: StoredUpdate): void;
  timeoutSeconds?: number;
}): Promise<Polling> {
  const controller = new AbortController();
  const pollController = new PollAbortController();
  // getUpdates is refused while a webhook is set; keep the pending updates, they are ours to store.
  await deps.api.deleteWebhook({ drop_pending_updates: false });
  const loop = (async () => {
    let offset: number | undefined;
    for (let failures = 0; !controller.signal.aborted;) {
      try {
        const updates = await deps.api.getUpdates(
          { timeout: deps.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES], ...(offset ? { offset } : {}) },
          pollController.signal,
        );
        const stored = await Promise.all(updates.map((update) => deps.inbox.store(update)));
        for (const entry of stored) if (entry) deps.onStored(entry);
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        failures = 0;
      } catch (error) {
        if (controller.signal.aborted) break;
        failures += 1;
        deps.logger.warn({ error: describeError(error), failures }, "getUpdates failed; retrying");
        await sleep(backoffDelay(failures, { baseMs: 500, maxMs: 30_000 }), controller.signal);
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      pollController.abort();
      await loop;
    },
  };
}
