// Writes a finished turn in one statement: checkpoint, inbox marks, transcript, outbox, events, lead, dialog row.
import type { DialogEvent, Reply, Slots } from "@wewall/shared";
import type { DialogStateType } from "../graph/state.js";
import type { DialogRow, Queryable } from "./dialog-store.js";
import type { HeldDeliveries } from "./outbox-deliverer.js";
import type { StagedCheckpoint } from "./turn-checkpointer.js";

export type EventDraft = Pick<DialogEvent, "type" | "data">;

// The whole turn is one autocommitted statement: one round trip and one commit. It writes only while the dialog is
// as the turn found it ($23 checkpoint, no waiting message the turn left out unless $25, still the bot's unless $24
// is false); otherwise it writes nothing and returns what changed, and the runner decides. Replies of a dialog with
// nothing pending ahead of them, other than deliveries this process already holds ($26), are leased at once ($22) and
// pushed after.
// Acknowledgements of earlier pushes that wait to be written ride along ($27), whatever the guard says.
const WRITE_TURN = `
  WITH guard AS (
    SELECT owner, blocked, turns, checkpoint_id,
      -- Left out: accepted after the turn read its input, or accepted alongside and committed after that read.
      EXISTS (SELECT 1 FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL AND id <> ALL($3::bigint[])) AS left_out
    FROM dialogs WHERE id = $1 FOR UPDATE
  ), ok AS (
    SELECT 1 FROM guard
    WHERE checkpoint_id IS NOT DISTINCT FROM $23 AND ($25::boolean OR NOT left_out)
      AND (NOT $24::boolean OR (owner = 'bot' AND NOT blocked))
  ), marked AS (
    UPDATE inbox SET turn_id = $2, payload = '{}' WHERE id = ANY($3::bigint[]) AND EXISTS (SELECT 1 FROM ok)
  ), said AS (
    INSERT INTO transcript (dialog_id, author, text)
    SELECT $1, 'bot', r.value ->> 'text' FROM ok, jsonb_array_elements($4::jsonb) WITH ORDINALITY r ORDER BY r.ordinality
  ), head AS (
    SELECT $22::boolean AND NOT EXISTS (
      SELECT 1 FROM outbox WHERE dialog_id = $1 AND status = 'pending' AND id <> ALL($26::bigint[])) AS free
  ), queued AS (
    INSERT INTO outbox (delivery_id, dialog_id, turn_id, author, reply, lease_until, attempts)
    SELECT $2 || '.' || r.ordinality, $1, $2, 'bot', r.value,
      CASE WHEN head.free THEN now() + interval '60 seconds' END, CASE WHEN head.free THEN 1 ELSE 0 END
    FROM ok, jsonb_array_elements($4::jsonb) WITH ORDINALITY r, head ORDER BY r.ordinality
    RETURNING id, delivery_id, reply, lease_until, created_at
  ), published AS (
    INSERT INTO events (dialog_id, type, data)
    SELECT $1, e.value ->> 'type', e.value -> 'data'
    FROM ok, jsonb_array_elements($5::jsonb) WITH ORDINALITY e ORDER BY e.ordinality
  ), lead AS (
    INSERT INTO leads (id, dialog_id, phone, name, slots)
    SELECT $6, $1, $7, $8, $9 FROM ok WHERE $6::text IS NOT NULL ON CONFLICT (id) DO NOTHING
  ), blobs AS (
    INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
    SELECT $1, '', b.channel, b.version, b.type, b.blob
    FROM ok, unnest($15::text[], $16::text[], $17::text[], $18::bytea[]) AS b(channel, version, type, blob)
    ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
  ), saved AS (
    INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
    SELECT $1, '', $13, $19, $20, $21 FROM ok WHERE $20::jsonb IS NOT NULL
    ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
    DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata
  ), acked AS (
    UPDATE outbox SET status = 'acked', lease_until = NULL WHERE id = ANY($27::bigint[])
  ), dialog AS (
    UPDATE dialogs SET stage = $10, owner = $11, slots = $9, results = $12, checkpoint_id = $13,
      turns = turns + 1, updated_at = now(), last_client_at = CASE WHEN $14 THEN now() ELSE last_client_at END
    WHERE id = $1 AND EXISTS (SELECT 1 FROM ok)
  )
  SELECT EXISTS (SELECT 1 FROM ok) AS written, g.owner, g.blocked, g.left_out, g.turns,
    g.checkpoint_id IS DISTINCT FROM $23 AS moved,
    (SELECT json_agg(json_build_object('id', q.id, 'delivery_id', q.delivery_id, 'reply', q.reply,
       'created_at', q.created_at) ORDER BY q.id) FROM queued q WHERE q.lease_until IS NOT NULL) AS leased
  FROM (SELECT 1) one LEFT JOIN guard g ON true`;

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
  created_at: string;
}

export interface TurnWrite {
  outcome: TurnOutcome;
  state: DialogStateType;
  checkpoint: StagedCheckpoint | null;
  /** The checkpoint the turn started from: the write happens only if it is still the dialog's latest. */
  startedFrom: string | null;
  clientSpoke: boolean;
  /** False once the turn knows it stays silent (a manager took over, or the client blocked the bot). */
  onlyIfBotOwned: boolean;
  allowLeftOutMessages: boolean;
  /** Deliveries of the dialog this process holds for pushing; null when it does not push this channel. */
  held: HeldDeliveries | null;
  /** Deliveries (of any dialog) whose acknowledgement this statement writes. */
  acked: number[];
}

/** Why a turn was not written, or the deliveries it leased for an immediate push. */
export type TurnVerdict =
  | { written: true; turns: number; leased: LeasedDelivery[] }
  | { written: false; erased: boolean; owner: DialogRow["owner"]; blocked: boolean; leftOut: boolean; moved: boolean };

interface VerdictRow {
  written: boolean;
  owner: DialogRow["owner"] | null;
  blocked: boolean | null;
  left_out: boolean | null;
  turns: number | null;
  moved: boolean | null;
  leased: LeasedDelivery[] | null;
}

export async function writeTurn(db: Queryable, dialogId: string, write: TurnWrite): Promise<TurnVerdict> {
  const { outcome, state: after, checkpoint } = write;
  const newLead = outcome.events.some((event) => event.type === "lead.created");
  const results = { ...(after.results ?? {}), ...(after.leadId ? { leadId: after.leadId } : {}) };
  const result = await db.query<VerdictRow>({
    name: "write-turn",
    text: WRITE_TURN,
    values: [
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
      checkpoint?.id ?? write.startedFrom,
      write.clientSpoke,
      checkpoint?.channels ?? [],
      checkpoint?.versions ?? [],
      checkpoint?.types ?? [],
      checkpoint?.blobs ?? [],
      checkpoint?.parentId ?? null,
      checkpoint?.checkpoint ?? null,
      checkpoint?.metadata ?? null,
      write.held !== null,
      write.startedFrom,
      write.onlyIfBotOwned,
      write.allowLeftOutMessages,
      write.held?.ids ?? [],
      write.acked,
    ],
  });
  const row = result.rows[0];
  if (!row) throw new Error("the turn statement returned no row");
  if (row.written) return { written: true, turns: row.turns ?? 0, leased: row.leased ?? [] };
  return {
    written: false,
    erased: row.owner === null,
    owner: row.owner ?? "bot",
    blocked: row.blocked ?? false,
    leftOut: row.left_out ?? false,
    moved: row.moved ?? false,
  };
}

function changedSlots(before: Slots, after: Slots): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter(
    (name) => JSON.stringify(Reflect.get(before, name)) !== JSON.stringify(Reflect.get(after, name)),
  );
}
