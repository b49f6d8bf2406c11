// Follows the core's event feed and queues a callback for every lead created, and every message the bot or a manager
// sent, in a partner's dialog: the asynchronous way partners get replies, and the only way they get leads.
import { withTransaction, type CoreClient, type DialogEvent, type Logger, type Metrics } from "@wewall/shared";
import { createEventFeedFollower } from "@wewall/shared/event-feed";
import type { PartnerScope } from "./partner-keys.js";
import type pg from "pg";

export interface PartnerEventsDeps {
  pool: pg.Pool;
  core: Pick<CoreClient, "events">;
  logger: Logger;
  metrics?: Metrics;
  /** Called after a page queued callbacks, so the sender need not wait for its tick. */
  queued?: () => void;
}

const CURSOR = "events";
const PARTNER_DIALOG = /^partner:([a-z0-9-]+):(.+)$/;

// What a partner is told, and the scope one of its active keys must have: the lead, and the replies without the
// core's delivery bookkeeping.
function callbackOf(event: DialogEvent): { scope: PartnerScope; data: Record<string, unknown> } | undefined {
  if (event.type === "lead.created") return { scope: "leads", data: event.data };
  if (event.type === "message.out") {
    const { text, buttons, author } = event.data;
    return { scope: "dialogs", data: { author, text, ...(buttons ? { buttons } : {}) } };
  }
  return undefined;
}

export function createPartnerEventFollower(deps: PartnerEventsDeps) {
  return createEventFeedFollower({
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    async loadCursor() {
      const { rows } = await deps.pool.query<{ value: string }>("SELECT value FROM partner_cursor WHERE key = $1", [
        CURSOR,
      ]);
      return Number(rows[0]?.value ?? 0);
    },
    readPage: (after, { waitMs, signal }) => deps.core.events(after, { limit: 200, waitMs, signal }),
    // The callbacks and the cursor in one transaction: a restart neither loses a lead nor queues it twice.
    async apply(page) {
      let queued = 0;
      await withTransaction(deps.pool, async (client) => {
        for (const event of page.events) {
          const match = PARTNER_DIALOG.exec(event.dialogId);
          const callback = match ? callbackOf(event) : undefined;
          if (!match || !callback) continue;
          const [, partnerId, userId] = match;
          const payload = { type: event.type, timestamp: event.at, data: { userId, ...callback.data } };
          // Only partners with a callback URL and a live key of the scope get one; the row's key makes a repeated
          // page harmless.
          const { rowCount } = await client.query(
            `INSERT INTO partner_callbacks (partner_id, dialog_id, event_id, type, payload)
             SELECT p.id, $2, $3, $4, $5 FROM partners p
             WHERE p.id = $1 AND p.callback_url IS NOT NULL AND EXISTS (
               SELECT 1 FROM partner_keys k WHERE k.partner_id = p.id AND k.revoked_at IS NULL AND $6 = ANY(k.scopes))
             ON CONFLICT (partner_id, event_id) DO NOTHING`,
            [partnerId, event.dialogId, event.id, event.type, payload, callback.scope],
          );
          queued += rowCount ?? 0;
        }
        await client.query(
          `INSERT INTO partner_cursor (key, value) VALUES ($1, $2)
           ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now()`,
          [CURSOR, page.cursor],
        );
      });
      if (queued > 0) deps.queued?.();
    },
  });
}
