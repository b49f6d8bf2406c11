// A follow-up the scheduler asks for, written in one statement like a turn: transcript, outbox, message.out event.
import type { EventData, FollowUpAnswer, FollowUpRequest, Reply } from "@wewall/shared";
import { BOT_MAY_SPEAK } from "./bot-may-speak.js";
import type { Queryable } from "./dialog-store.js";

// It goes out only while the dialog is as the scheduler saw it: the bot may speak, the client has not asked for
// silence, no client message waits, and nothing was said (nor the owner changed) after ifLastEventId. The dialog row
// is locked as a turn's write locks it, so a turn and a follow-up never interleave. A followUpId already sent is
// answered as sent, whatever the dialog is now: the scheduler repeating itself after a crash sends nothing twice.
const SEND_FOLLOW_UP = `
  WITH d AS (
    SELECT owner, blocked, followups_stopped,
      EXISTS (SELECT 1 FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL AND kind = 'client') AS waiting,
      -- A resume waiting (the dialog was just handed back) is the bot about to speak.
      EXISTS (SELECT 1 FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL AND kind = 'resume') AS resuming,
      $6::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM events
        WHERE dialog_id = $1 AND id > $6::bigint AND type = 'message.in') AS client_since,
      $6::bigint IS NOT NULL AND EXISTS (SELECT 1 FROM events
        WHERE dialog_id = $1 AND id > $6::bigint AND type IN ('message.out', 'owner.changed')) AS moved
    FROM dialogs WHERE id = $1 FOR UPDATE
  ), prior AS (
    SELECT delivery_id FROM outbox WHERE delivery_id = $2
  ), ok AS (
    SELECT 1 FROM d WHERE NOT EXISTS (SELECT FROM prior) AND ${BOT_MAY_SPEAK} AND NOT followups_stopped
      AND NOT waiting AND NOT resuming AND NOT client_since AND NOT moved
  ), o AS (
    INSERT INTO outbox (delivery_id, dialog_id, author, reply) SELECT $2, $1, 'bot', $3 FROM ok
    ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id
  ), t AS (
    INSERT INTO transcript (dialog_id, author, text) SELECT $1, 'bot', $4 FROM o
  ), e AS (
    INSERT INTO events (dialog_id, type, data) SELECT $1, 'message.out', $5 FROM o
  )
  SELECT EXISTS (SELECT FROM o) AS sent, EXISTS (SELECT FROM prior) AS duplicate,
    d.owner, d.blocked, d.followups_stopped, d.waiting, d.client_since, d.moved
  FROM (SELECT 1) one LEFT JOIN d ON true`;

interface VerdictRow {
  sent: boolean;
  duplicate: boolean;
  owner: "bot" | "manager" | null;
  blocked: boolean | null;
  followups_stopped: boolean | null;
  waiting: boolean | null;
  client_since: boolean | null;
  moved: boolean | null;
}

/** The delivery id of a follow-up: one per dialog and scheduler id, so a repeated request finds the first. */
export const followUpDeliveryId = (dialogId: string, followUpId: string) => `fu:${dialogId}:${followUpId}`;

/** Sends the follow-up or says why not; undefined when the dialog does not exist (erased, or never was). */
export async function sendFollowUp(
  db: Queryable,
  dialogId: string,
  request: FollowUpRequest,
): Promise<FollowUpAnswer | undefined> {
  const deliveryId = followUpDeliveryId(dialogId, request.followUpId);
  const reply: Reply = { text: request.text, ...(request.buttons ? { buttons: request.buttons } : {}) };
  const data: EventData<"message.out"> = {
    deliveryId,
    author: "bot",
    ...reply,
    followUp: { id: request.followUpId, kind: request.kind },
  };
  const result = await db.query<VerdictRow>({
    name: "send-follow-up",
    text: SEND_FOLLOW_UP,
    values: [dialogId, deliveryId, reply, request.text, data, request.ifLastEventId ?? null],
  });
  const row = result.rows[0];
  if (!row) throw new Error("the follow-up statement returned no row");
  if (row.sent || row.duplicate) return { sent: true, duplicate: row.duplicate, deliveryId };
  if (row.owner === null) return undefined;
  if (row.owner !== "bot") return { sent: false, reason: "manager" };
  if (row.blocked) return { sent: false, reason: "blocked" };
  if (row.followups_stopped) return { sent: false, reason: "unsubscribed" };
  if (row.waiting || row.client_since) return { sent: false, reason: "client_wrote" };
  return { sent: false, reason: "moved" };
}
