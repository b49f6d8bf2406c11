// Writes a finished turn in one statement: inbox marked, replies into transcript and outbox, events, lead, dialog row.
import type { DialogEvent, Reply, Slots } from "@wewall/shared";
import type pg from "pg";
import type { DialogStateType } from "../graph/state.js";
import type { DialogRow } from "./dialog-store.js";

export type EventDraft = Pick<DialogEvent, "type" | "data">;

const WRITE_TURN = `
  WITH marked AS (
    UPDATE inbox SET turn_id = $2, payload = '{}' WHERE id = ANY($3::bigint[])
  ), said AS (
    INSERT INTO transcript (dialog_id, author, text)
    SELECT $1, 'bot', r.value ->> 'text' FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY r ORDER BY r.ordinality
  ), queued AS (
    INSERT INTO outbox (delivery_id, dialog_id, turn_id, author, reply)
    SELECT $2 || '.' || r.ordinality, $1, $2, 'bot', r.value
    FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY r ORDER BY r.ordinality
  ), published AS (
    INSERT INTO events (dialog_id, type, data)
    SELECT $1, e.value ->> 'type', e.value -> 'data' FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY e ORDER BY e.ordinality
  ), lead AS (
    INSERT INTO leads (id, dialog_id, phone, name, slots)
    SELECT $6, $1, $7, $8, $9 WHERE $6::text IS NOT NULL ON CONFLICT (id) DO NOTHING
  )
  UPDATE dialogs SET stage = $10, owner = $11, slots = $9, results = $12, checkpoint_id = $13,
    turns = turns + 1, updated_at = now(), last_client_at = CASE WHEN $14 THEN now() ELSE last_client_at END
  WHERE id = $1`;

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

export async function writeTurn(
  client: pg.PoolClient,
  dialogId: string,
  outcome: TurnOutcome,
  after: DialogStateType,
  checkpointId: string | null,
  clientSpoke: boolean,
): Promise<void> {
  const newLead = outcome.events.some((event) => event.type === "lead.created");
  const results = { ...(after.results ?? {}), ...(after.leadId ? { leadId: after.leadId } : {}) };
  await client.query(WRITE_TURN, [
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
    checkpointId,
    clientSpoke,
  ]);
}

function changedSlots(before: Slots, after: Slots): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter(
    (name) => JSON.stringify(Reflect.get(before, name)) !== JSON.stringify(Reflect.get(after, name)),
  );
}
