// Writes a finished turn in one statement: checkpoint, inbox marks, transcript, outbox, events, lead, dialog row.
import type { DialogEvent, Reply, Slots } from "@wewall/shared";
import type pg from "pg";
import type { DialogStateType } from "../graph/state.js";
import type { DialogRow } from "./dialog-store.js";
import type { StagedCheckpoint } from "./turn-checkpointer.js";

export type EventDraft = Pick<DialogEvent, "type" | "data">;

// One statement, so the turn is one round trip inside its transaction. Replies of a dialog with nothing older still
// pending are leased to this process at once ($22), which pushes them right after the commit.
const WRITE_TURN = `
  WITH marked AS (
    UPDATE inbox SET turn_id = $2, payload = '{}' WHERE id = ANY($3::bigint[])
  ), said AS (
    INSERT INTO transcript (dialog_id, author, text)
    SELECT $1, 'bot', r.value ->> 'text' FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY r ORDER BY r.ordinality
  ), head AS (
    SELECT $22::boolean AND NOT EXISTS (SELECT 1 FROM outbox WHERE dialog_id = $1 AND status = 'pending') AS free
  ), queued AS (
    INSERT INTO outbox (delivery_id, dialog_id, turn_id, author, reply, lease_until, attempts)
    SELECT $2 || '.' || r.ordinality, $1, $2, 'bot', r.value,
      CASE WHEN head.free THEN now() + interval '60 seconds' END, CASE WHEN head.free THEN 1 ELSE 0 END
    FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY r, head ORDER BY r.ordinality
    RETURNING id, delivery_id, reply, lease_until, created_at
  ), published AS (
    INSERT INTO events (dialog_id, type, data)
    SELECT $1, e.value ->> 'type', e.value -> 'data'
    FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY e ORDER BY e.ordinality
  ), lead AS (
    INSERT INTO leads (id, dialog_id, phone, name, slots)
    SELECT $6, $1, $7, $8, $9 WHERE $6::text IS NOT NULL ON CONFLICT (id) DO NOTHING
  ), blobs AS (
    INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
    SELECT $1, '', b.channel, b.version, b.type, b.blob
    FROM unnest($15::text[], $16::text[], $17::text[], $18::bytea[]) AS b(channel, version, type, blob)
    ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
  ), saved AS (
    INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
    SELECT $1, '', $13, $19, $20, $21 WHERE $20::jsonb IS NOT NULL
    ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
    DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata
  ), dialog AS (
    UPDATE dialogs SET stage = $10, owner = $11, slots = $9, results = $12, checkpoint_id = $13,
      turns = turns + 1, updated_at = now(), last_client_at = CASE WHEN $14 THEN now() ELSE last_client_at END
    WHERE id = $1
  )
  SELECT id, delivery_id, reply, created_at FROM queued WHERE lease_until IS NOT NULL ORDER BY id`;

export interface TurnOutcome {
  turnId: number;
  inboxIds: number[];
  replies: Reply[];
  events: EventDraft[];
}

/** What changed between the dialog row before the turn and the graph's state after it, as events and replies. */
export function describeTurn(
  before: DialogRow,
  after: DialogStateType,
  inboxIds: number[],
  speak: boolean,
): TurnOutcome {
  const turnId = Math.max(...inboxIds);
  const replies = speak ? after.replies : [];
  const events: EventDraft[] = replies.map((reply, i) => ({
    type: "message.out",
    data: {
      deliveryId: `${turnId}.${i + 1}`,
      author: "bot",
      text: reply.text,
      ...(reply.buttons ? { buttons: reply.buttons } : {}),
    },
  }));
  if (after.stage !== before.stage)
    events.push({ type: "stage.changed", data: { from: before.stage, to: after.stage } });
  const changed = changedSlots(before.slots, after.slots);
  if (changed.length > 0) events.push({ type: "slots.changed", data: { slots: after.slots, changed } });
  if (after.owner !== before.owner)
    events.push({ type: "owner.changed", data: { owner: after.owner, reason: "client asked for a manager" } });
  if (after.leadId && !before.results?.leadId) {
    const { phone, name } = after.slots;
    events.push({
      type: "lead.created",
      data: { leadId: after.leadId, slots: after.slots, ...(phone ? { phone } : {}), ...(name ? { name } : {}) },
    });
  }
  return { turnId, inboxIds, replies, events };
}

export interface LeasedDelivery {
  id: number;
  delivery_id: string;
  reply: Reply;
  created_at: Date;
}

export interface TurnWrite {
  outcome: TurnOutcome;
  state: DialogStateType;
  checkpoint: StagedCheckpoint | null;
  previousCheckpointId: string | null;
  clientSpoke: boolean;
  pushNow: boolean;
}

/** Writes the turn; returns the deliveries leased for an immediate push. */
export async function writeTurn(client: pg.PoolClient, dialogId: string, write: TurnWrite): Promise<LeasedDelivery[]> {
  const { outcome, state: after, checkpoint } = write;
  const newLead = outcome.events.some((event) => event.type === "lead.created");
  const results = { ...(after.results ?? {}), ...(after.leadId ? { leadId: after.leadId } : {}) };
  const result = await client.query<LeasedDelivery>(WRITE_TURN, [
    dialogId,
    outcome.turnId,
    outcome.inboxIds,
    JSON.stringify(outcome.replies),
    JSON.stringify(outcome.events),
    newLead ? after.leadId : null,
    after.slots.phone ?? null,
    after.slots.name ?? null,
    after.slots,
    after.stage,
    after.owner,
    results,
    checkpoint?.id ?? write.previousCheckpointId,
    write.clientSpoke,
    checkpoint?.channels ?? [],
    checkpoint?.versions ?? [],
    checkpoint?.types ?? [],
    checkpoint?.blobs ?? [],
    checkpoint?.parentId ?? null,
    checkpoint?.checkpoint ?? null,
    checkpoint?.metadata ?? null,
    write.pushNow,
  ]);
  return result.rows;
}

function changedSlots(before: Slots, after: Slots): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter(
    (name) => JSON.stringify(Reflect.get(before, name)) !== JSON.stringify(Reflect.get(after, name)),
  );
}
