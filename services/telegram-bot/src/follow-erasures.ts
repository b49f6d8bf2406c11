// Follows the core's event feed; on dialog.erased of a telegram dialog, deletes every row held about that chat.
import type pg from "pg";
import { withTransaction, type CoreClient, type Logger, type Metrics } from "@wewall/shared";
import { createEventFeedFollower, type EventFeedFollower, type EventPage } from "@wewall/shared/event-feed";

export interface ErasedChat {
  chatId: string;
  updateIds: Set<number>;
  deliveryIds: Set<string>;
  unblocked: boolean;
}

export interface ErasureFollowerDeps {
  pool: pg.Pool;
  core: Pick<CoreClient, "events">;
  logger: Logger;
  // Where events this follower cannot read are counted (they are logged at error level and skipped either way).
  metrics?: Metrics;
  // Called after the deletion committed, so the workers drop what they still hold of those rows in memory.
  onErased(erased: ErasedChat): void;
  waitMs?: number;
}

const CURSOR_KEY = "event_cursor";
const DIALOG_PREFIX = "telegram:";
// Pages without an erasure move the cursor in memory and store it this seldom: the feed carries every event of
// every dialog, and a replay after a crash is harmless (an erasure only reaches rows older than itself).
const STORE_CURSOR_EVERY_MS = 10_000;

export function createErasureFollower(deps: ErasureFollowerDeps): EventFeedFollower {
  let cursor: number | undefined;
  let storedAt = 0;

  async function loadCursor(): Promise<number> {
    if (cursor === undefined) {
      const result = await deps.pool.query<{ value: string }>("SELECT value FROM tg_state WHERE key = $1", [
        CURSOR_KEY,
      ]);
      cursor = Number(result.rows[0]?.value ?? "0");
    }
    return cursor;
  }

  async function apply(page: EventPage): Promise<void> {
    const erasures = page.events.filter(
      (event) => event.type === "dialog.erased" && event.dialogId.startsWith(DIALOG_PREFIX),
    );
    if (erasures.length === 0 && Date.now() - storedAt < STORE_CURSOR_EVERY_MS) {
      cursor = page.cursor;
      return;
    }
    const erased: ErasedChat[] = [];
    await withTransaction(deps.pool, async (client) => {
      for (const event of erasures) {
        erased.push(await eraseChat(client, event.dialogId.slice(DIALOG_PREFIX.length), event.at));
      }
      await client.query(
        `INSERT INTO tg_state (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [CURSOR_KEY, String(page.cursor)],
      );
    });
    cursor = page.cursor;
    storedAt = Date.now();
    for (const chat of erased) {
      deps.onErased(chat);
      // No chat id: the log must not keep what the erasure removed.
      deps.logger.info(
        { updates: chat.updateIds.size, deliveries: chat.deliveryIds.size, unblocked: chat.unblocked },
        "erased a telegram chat",
      );
    }
  }

  return createEventFeedFollower({
    loadCursor,
    readPage: (after, options) => deps.core.events(after, { limit: 1000, ...options }),
    apply,
    logger: deps.logger,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.waitMs === undefined ? {} : { waitMs: deps.waitMs }),
  });
}

// Rows stored after the erasure belong to the client's next conversation and stay.
async function eraseChat(db: pg.PoolClient, chatId: string, erasedAt: string): Promise<ErasedChat> {
  const updates = await db.query<{ update_id: number }>(
    "DELETE FROM tg_updates WHERE chat_id = $1 AND created_at <= $2 RETURNING update_id",
    [chatId, erasedAt],
  );
  const deliveries = await db.query<{ delivery_id: string }>(
    "DELETE FROM tg_deliveries WHERE chat_id = $1 AND created_at <= $2 RETURNING delivery_id",
    [chatId, erasedAt],
  );
  const blocked = await db.query("DELETE FROM tg_blocked_chats WHERE chat_id = $1 AND blocked_at <= $2", [
    chatId,
    erasedAt,
  ]);
  return {
    chatId,
    updateIds: new Set(updates.rows.map((row) => row.update_id)),
    deliveryIds: new Set(deliveries.rows.map((row) => row.delivery_id)),
    unblocked: (blocked.rowCount ?? 0) > 0,
  };
}
