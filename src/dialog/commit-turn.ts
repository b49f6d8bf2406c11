// Writes a finished turn in one statement: checkpoint, inbox marks, transcript, outbox, events, lead, dialog row.
import type { EventDraft, Reply, Slots } from "@wewall/shared";
import type { DialogStateType } from "../graph/state.js";
import { BOT_MAY_SPEAK } from "./bot-may-speak.js";
import type { DialogRow, Queryable } from "./dialog-store.js";
import { namedParameters } from "./named-parameters.js";
import type { HeldDeliveries } from "./outbox-deliverer.js";
import { OUTBOX_LEASE_MS } from "./outbox-lease.js";
import type { StagedCheckpoint } from "./turn-checkpointer.js";

// The statement's parameters by name; the numbers follow this order (the SQL text is built once, at load).
const TURN = namedParameters([
  "dialogId",
  "turnId",
  "inboxIds",
  "replies",
  "events",
  "leadId",
  "leadPhone",
  "leadName",
  "slots",
  "stage",
  "owner",
  "results",
  "checkpointId",
  "clientSpoke",
  "blobChannels",
  "blobVersions",
  "blobTypes",
  "blobs",
  "parentCheckpointId",
  "checkpoint",
  "metadata",
  "leaseReplies",
  "startedFrom",
  "onlyIfBotOwned",
  "allowLeftOut",
  "heldIds",
  "acked",
]);
const p = TURN.refs;

// The whole turn is one autocommitted statement: one round trip and one commit. It writes only while the dialog is
// as the turn found it (still at startedFrom, no waiting message the turn left out unless allowLeftOut, and the bot
// may speak unless onlyIfBotOwned is false); otherwise it writes nothing and returns what changed, and the runner
// decides. Replies of a dialog with nothing pending ahead of them, other than deliveries this process already holds
// (heldIds), are leased at once (leaseReplies) and pushed after.
// Acknowledgements of earlier pushes that wait to be written ride along (acked), whatever the guard says.
const WRITE_TURN = `
  WITH guard AS (
    SELECT owner, blocked, turns, checkpoint_id,
      -- Left out: accepted after the turn read its input, or accepted alongside and committed after that read.
      EXISTS (SELECT 1 FROM inbox WHERE dialog_id = ${p.dialogId} AND turn_id IS NULL
        AND id <> ALL(${p.inboxIds}::bigint[])) AS left_out
    FROM dialogs WHERE id = ${p.dialogId} FOR UPDATE
  ), ok AS (
    SELECT 1 FROM guard
    WHERE checkpoint_id IS NOT DISTINCT FROM ${p.startedFrom} AND (${p.allowLeftOut}::boolean OR NOT left_out)
      AND (NOT ${p.onlyIfBotOwned}::boolean OR ${BOT_MAY_SPEAK})
  ), marked AS (
    UPDATE inbox SET turn_id = ${p.turnId}, payload = '{}'
    WHERE id = ANY(${p.inboxIds}::bigint[]) AND EXISTS (SELECT 1 FROM ok)
  ), said AS (
    INSERT INTO transcript (dialog_id, author, text)
    SELECT ${p.dialogId}, 'bot', r.value ->> 'text'
    FROM ok, jsonb_array_elements(${p.replies}::jsonb) WITH ORDINALITY r ORDER BY r.ordinality
  ), head AS (
    SELECT ${p.leaseReplies}::boolean AND NOT EXISTS (
      SELECT 1 FROM outbox WHERE dialog_id = ${p.dialogId} AND status = 'pending'
        AND id <> ALL(${p.heldIds}::bigint[])) AS free
  ), queued AS (
    INSERT INTO outbox (delivery_id, dialog_id, turn_id, author, reply, lease_until, attempts)
    SELECT ${p.turnId} || '.' || r.ordinality, ${p.dialogId}, ${p.turnId}, 'bot', r.value,
      CASE WHEN head.free THEN now() + make_interval(secs => ${OUTBOX_LEASE_MS / 1000}) END, CASE WHEN head.free THEN 1 ELSE 0 END
    FROM ok, jsonb_array_elements(${p.replies}::jsonb) WITH ORDINALITY r, head ORDER BY r.ordinality
    RETURNING id, delivery_id, reply, lease_until, created_at
  ), published AS (
    INSERT INTO events (dialog_id, type, data)
    SELECT ${p.dialogId}, e.value ->> 'type', e.value -> 'data'
    FROM ok, jsonb_array_elements(${p.events}::jsonb) WITH ORDINALITY e ORDER BY e.ordinality
  ), lead AS (
    INSERT INTO leads (id, dialog_id, phone, name, slots)
    SELECT ${p.leadId}, ${p.dialogId}, ${p.leadPhone}, ${p.leadName}, ${p.slots}
    FROM ok WHERE ${p.leadId}::text IS NOT NULL ON CONFLICT (id) DO NOTHING
  ), blobs AS (
    INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
    SELECT ${p.dialogId}, '', b.channel, b.version, b.type, b.blob
    FROM ok, unnest(${p.blobChannels}::text[], ${p.blobVersions}::text[], ${p.blobTypes}::text[], ${p.blobs}::bytea[])
      AS b(channel, version, type, blob)
    ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
  ), saved AS (
    INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
    SELECT ${p.dialogId}, '', ${p.checkpointId}, ${p.parentCheckpointId}, ${p.checkpoint}, ${p.metadata}
    FROM ok WHERE ${p.checkpoint}::jsonb IS NOT NULL
    ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id)
    DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata
  ), acked AS (
    UPDATE outbox SET status = 'acked', lease_until = NULL WHERE id = ANY(${p.acked}::bigint[])
  ), dialog AS (
    UPDATE dialogs SET stage = ${p.stage}, owner = ${p.owner}, slots = ${p.slots}, results = ${p.results},
      checkpoint_id = ${p.checkpointId}, turns = turns + 1, updated_at = now(),
      last_client_at = CASE WHEN ${p.clientSpoke} THEN now() ELSE last_client_at END,
      followups_stopped = followups_stopped OR ${p.events}::jsonb @> '[{"type": "followups.stopped"}]'
    WHERE id = ${p.dialogId} AND EXISTS (SELECT 1 FROM ok)
  )
  SELECT EXISTS (SELECT 1 FROM ok) AS written, g.owner, g.blocked, g.left_out, g.turns,
    g.checkpoint_id IS DISTINCT FROM ${p.startedFrom} AS moved,
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
  // Published every time the client says it: the scheduler cancels what it holds, and the row records it for good.
  if (after.flags.act === "unsubscribe") events.push({ type: "followups.stopped", data: {} });
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
    values: TURN.values({
      dialogId,
      turnId: outcome.turnId,
      inboxIds: outcome.inboxIds,
      replies: JSON.stringify(outcome.replies),
      events: JSON.stringify(outcome.events),
      leadId: newLead ? after.leadId : null,
      leadPhone: after.slots.phone ?? null,
      leadName: after.slots.name ?? null,
      slots: after.slots,
      stage: after.stage,
      owner: after.owner,
      results,
      checkpointId: checkpoint?.id ?? write.startedFrom,
      clientSpoke: write.clientSpoke,
      blobChannels: checkpoint?.channels ?? [],
      blobVersions: checkpoint?.versions ?? [],
      blobTypes: checkpoint?.types ?? [],
      blobs: checkpoint?.blobs ?? [],
      parentCheckpointId: checkpoint?.parentId ?? null,
      checkpoint: checkpoint?.checkpoint ?? null,
      metadata: checkpoint?.metadata ?? null,
      leaseReplies: write.held !== null,
      startedFrom: write.startedFrom,
      onlyIfBotOwned: write.onlyIfBotOwned,
      allowLeftOut: write.allowLeftOutMessages,
      heldIds: write.held?.ids ?? [],
      acked: write.acked,
    }),
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
