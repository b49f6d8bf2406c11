// The delivery outbox: recorded before it is acknowledged, each sent part marked with Telegram's message ids.
import type pg from "pg";
import { createGroupCommit, type QueueTable, type Reply } from "@wewall/shared";
import { createHeldLeases, NEW_LEASE } from "./held-leases.js";
import { isDataError } from "./is-data-error.js";

// What a row sends: a reply (the core's or the bot's own), or the removal of a pressed message's inline keyboard.
export type DeliveryContent = { reply: Reply } | { clearKeyboardOf: number };

export type StoredDelivery = DeliveryContent & {
  seq: number;
  deliveryId: string;
  dialogId: string;
  chatId: string;
  local: boolean;
  // Message ids per part already sent, in part order: its length is where sending resumes.
  sentIds: number[][];
  // A part whose request was started but whose outcome was never recorded.
  attemptPart: number | null;
};

export interface FinishedDelivery {
  deliveryId: string;
  status: "sent" | "failed";
  sentIds: number[][];
  errorCode: string | null;
  error: string | null;
}

export type NewDelivery = DeliveryContent & { deliveryId: string; dialogId: string; chatId: string; local?: boolean };

interface DeliveryRow {
  seq: number;
  delivery_id: string;
  dialog_id: string;
  chat_id: string;
  reply: Reply | null;
  clear_keyboard_of: number | null;
  local: boolean;
  sent_ids: number[][];
  attempt_part: number | null;
}

const COLUMNS = "seq, delivery_id, dialog_id, chat_id, reply, clear_keyboard_of, local, sent_ids, attempt_part";
const DELIVERIES: QueueTable = {
  table: "tg_deliveries",
  key: "seq",
  returning: COLUMNS.split(", ")
    .map((column) => `q.${column}`)
    .join(", "),
};

function contentOf(row: DeliveryRow): DeliveryContent {
  if (row.clear_keyboard_of !== null) return { clearKeyboardOf: row.clear_keyboard_of };
  // The table's CHECK makes this unreachable.
  if (row.reply === null) throw new Error(`delivery ${row.delivery_id} has neither a reply nor a keyboard to clear`);
  return { reply: row.reply };
}

const toStored = (row: DeliveryRow): StoredDelivery => ({
  ...contentOf(row),
  seq: row.seq,
  deliveryId: row.delivery_id,
  dialogId: row.dialog_id,
  chatId: row.chat_id,
  local: row.local,
  sentIds: row.sent_ids,
  attemptPart: row.attempt_part,
});

export function createOutboxStore(pool: pg.Pool) {
  const leases = createHeldLeases<DeliveryRow>(pool, DELIVERIES, (row) => row.seq);
  const batcher = createGroupCommit<NewDelivery, StoredDelivery | null>(
    async (items) => {
      const result = await pool.query<DeliveryRow>(
        `INSERT INTO tg_deliveries (delivery_id, dialog_id, chat_id, reply, clear_keyboard_of, local, lease_until)
       SELECT d, g, c, r::jsonb, k, l, ${NEW_LEASE}
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::boolean[])
         WITH ORDINALITY AS t(d, g, c, r, k, l, n) ORDER BY n
       ON CONFLICT (delivery_id) DO NOTHING
       RETURNING ${COLUMNS}`,
        [
          items.map((i) => i.deliveryId),
          items.map((i) => i.dialogId),
          items.map((i) => i.chatId),
          items.map((i) => ("reply" in i ? JSON.stringify(i.reply) : null)),
          items.map((i) => ("clearKeyboardOf" in i ? i.clearKeyboardOf : null)),
          items.map((i) => i.local ?? false),
        ],
      );
      for (const row of result.rows) leases.hold(row.seq);
      const inserted = new Map(result.rows.map((row) => [row.delivery_id, toStored(row)]));
      return items.map((item) => {
        const stored = inserted.get(item.deliveryId);
        inserted.delete(item.deliveryId);
        return stored ?? null;
      });
    },
    { isItemError: isDataError },
  );

  // Under load many chats update their rows at once: one statement (one commit) serves them all.
  const attemptBatcher = createGroupCommit<{ deliveryId: string; part: number }, true>(async (items) => {
    await pool.query(
      `UPDATE tg_deliveries d SET attempt_part = t.part, attempt_at = now()
       FROM unnest($1::text[], $2::int[]) AS t(id, part) WHERE d.delivery_id = t.id`,
      [items.map((i) => i.deliveryId), items.map((i) => i.part)],
    );
    return items.map(() => true);
  });
  const sentBatcher = createGroupCommit<
    { deliveryId: string; part: number; messageIds: number[]; last: boolean },
    true
  >(async (items) => {
    await pool.query(
      `UPDATE tg_deliveries d SET sent_ids = d.sent_ids || jsonb_build_array(t.ids::jsonb), attempt_part = NULL,
           status = CASE WHEN t.last THEN 'sent' ELSE d.status END,
           lease_until = CASE WHEN t.last THEN NULL ELSE d.lease_until END,
           done_at = CASE WHEN t.last THEN now() ELSE d.done_at END,
           reported = d.reported OR (t.last AND d.local)
         FROM unnest($1::text[], $2::int[], $3::text[], $4::boolean[]) AS t(id, part, ids, last)
         WHERE d.delivery_id = t.id AND jsonb_array_length(d.sent_ids) = t.part`,
      [
        items.map((i) => i.deliveryId),
        items.map((i) => i.part),
        items.map((i) => JSON.stringify(i.messageIds)),
        items.map((i) => i.last),
      ],
    );
    return items.map(() => true);
  });
  const reportedBatcher = createGroupCommit<string, true>(async (ids) => {
    await pool.query("UPDATE tg_deliveries SET reported = true WHERE delivery_id = ANY($1::text[])", [ids]);
    return ids.map(() => true);
  });

  return {
    // Resolves with the stored row when new, null for a re-push; durable either way.
    record: (delivery: NewDelivery) => batcher.add(delivery),
    /** Pending deliveries no process holds (left by a previous one), now held by this one, in order. */
    pending: async (): Promise<StoredDelivery[]> => (await leases.claim()).map(toStored),
    renewLeases: () => leases.renew(),
    releaseLeases: () => leases.release(),
    markAttempt: async (deliveryId: string, part: number): Promise<void> => {
      await attemptBatcher.add({ deliveryId, part });
    },
    // Appends only when the part is the next one, so a replayed call cannot record a part twice;
    // the last part also closes the delivery in the same statement.
    markPartSent: async (deliveryId: string, part: number, messageIds: number[], last: boolean): Promise<void> => {
      await sentBatcher.add({ deliveryId, part, messageIds, last });
    },
    async finish(deliveryId: string, status: "sent" | "failed", errorCode?: string, error?: string): Promise<void> {
      await pool.query(
        `UPDATE tg_deliveries SET status = $2, error_code = $3, last_error = $4, attempt_part = NULL, lease_until = NULL, done_at = now(),
           reported = reported OR local
         WHERE delivery_id = $1`,
        [deliveryId, status, errorCode ?? null, error?.slice(0, 500) ?? null],
      );
    },
    async unreported(): Promise<FinishedDelivery[]> {
      const result = await pool.query<{
        delivery_id: string;
        status: "sent" | "failed";
        sent_ids: number[][];
        error_code: string | null;
        error: string | null;
      }>(
        `SELECT delivery_id, status, sent_ids, error_code, last_error AS error FROM tg_deliveries
         WHERE status <> 'pending' AND NOT reported ORDER BY seq`,
      );
      return result.rows.map((row) => ({
        deliveryId: row.delivery_id,
        status: row.status,
        sentIds: row.sent_ids,
        errorCode: row.error_code,
        error: row.error,
      }));
    },
    markReported: async (deliveryId: string): Promise<void> => {
      await reportedBatcher.add(deliveryId);
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
