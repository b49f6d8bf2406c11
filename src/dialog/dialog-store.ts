// Reads and small writes of a dialog's rows: accepting messages, the view, the transcript, owner changes, erasure.
import {
  withTransaction,
  type DialogView,
  type EventData,
  type IncomingMessage,
  type Owner,
  type Reply,
  type Slots,
  type TranscriptEntry,
} from "@wewall/shared";
import type pg from "pg";

export type Queryable = Pick<pg.Pool, "query">;

export interface DialogRow {
  id: string;
  channel: string;
  chat_id: string;
  stage: string;
  owner: Owner;
  slots: Slots;
  results: Record<string, unknown> | null;
  checkpoint_id: string | null;
  blocked: boolean;
}

export interface InboxRow {
  id: number;
  kind: "client" | "resume";
  payload: Omit<IncomingMessage, "messageId">;
}

export function splitDialogId(dialogId: string): { channel: string; chatId: string } {
  const at = dialogId.indexOf(":");
  return { channel: dialogId.slice(0, at), chatId: dialogId.slice(at + 1) };
}

const DIALOG_COLUMNS = "id, channel, chat_id, stage, owner, slots, results, checkpoint_id, blocked";
/** The most waiting messages one turn takes; a longer backlog is answered in consecutive turns. */
export const TURN_MESSAGES_MAX = 50;

const PENDING = `SELECT json_agg(p ORDER BY p.id) FROM (
    SELECT id, kind, payload FROM inbox WHERE dialog_id = $1 AND turn_id IS NULL ORDER BY id LIMIT ${TURN_MESSAGES_MAX}) p`;

// Also returns what a turn needs (the dialog row and the messages waiting before this one), so a turn that starts
// right away skips reading them again; the turn's guarded write catches anything that changed in between.
// A new message from a client who had blocked the bot means they unblocked it: the dialog is reachable again.
const ACCEPT = `
  WITH d AS (
    INSERT INTO dialogs (id, channel, chat_id, source) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING
    RETURNING ${DIALOG_COLUMNS}
  ), i AS (
    INSERT INTO inbox (dialog_id, message_id, payload) VALUES ($1, $5, $6)
    ON CONFLICT (dialog_id, message_id) DO NOTHING RETURNING id
  ), s AS (
    UPDATE dialogs SET source = COALESCE($4, source), blocked = blocked AND NOT EXISTS (SELECT FROM i)
    WHERE id = $1 AND (($4::text IS NOT NULL AND source IS DISTINCT FROM $4) OR (blocked AND EXISTS (SELECT FROM i)))
  ), t AS (
    INSERT INTO transcript (dialog_id, author, text) SELECT $1, 'client', $7 FROM i
  ), e AS (
    INSERT INTO events (dialog_id, type, data) SELECT $1, 'message.in', $8 FROM i
  )
  SELECT i.id,
    (SELECT to_jsonb(x) || '{"blocked": false}' FROM (
       SELECT ${DIALOG_COLUMNS} FROM dialogs WHERE id = $1 UNION ALL SELECT * FROM d) x
     LIMIT 1) AS dialog,
    (${PENDING}) AS pending
  FROM i`;

export interface TurnInputRows {
  dialog: DialogRow | undefined;
  pending: InboxRow[];
}

/** Stores a client message once; null when that messageId was seen before. */
export async function acceptMessage(
  db: Queryable,
  dialogId: string,
  message: IncomingMessage,
): Promise<{ inboxId: number; turnInput: TurnInputRows } | null> {
  const { channel, chatId } = splitDialogId(dialogId);
  const { messageId, ...payload } = message;
  const eventData: EventData<"message.in"> = {
    messageId,
    text: message.text,
    ...(message.user ? { user: message.user } : {}),
  };
  const result = await db.query<{ id: number; dialog: DialogRow; pending: InboxRow[] | null }>({
    name: "accept-message",
    text: ACCEPT,
    values: [dialogId, channel, chatId, message.source ?? null, messageId, payload, message.text, eventData],
  });
  const row = result.rows[0];
  if (!row) return null;
  const waiting = row.pending ?? [];
  // Behind a full turn's worth of waiting messages, this one belongs to a later turn.
  const pending =
    waiting.length >= TURN_MESSAGES_MAX ? waiting : [...waiting, { id: row.id, kind: "client" as const, payload }];
  return { inboxId: row.id, turnInput: { dialog: row.dialog, pending: pending.sort((a, b) => a.id - b.id) } };
}

/** The inbox row of a client message stored but not yet taken by a turn, if there is one. */
export async function waitingInboxId(db: Queryable, dialogId: string, messageId: string): Promise<number | null> {
  const result = await db.query<{ id: number }>(
    "SELECT id FROM inbox WHERE dialog_id = $1 AND message_id = $2 AND turn_id IS NULL",
    [dialogId, messageId],
  );
  return result.rows[0]?.id ?? null;
}

/** Queues a turn with no client text (the bot resumes after a manager hands the dialog back). */
export async function enqueueResume(db: Queryable, dialogId: string, key: string): Promise<void> {
  await db.query(
    "INSERT INTO inbox (dialog_id, message_id, kind, payload) VALUES ($1, $2, 'resume', '{}') ON CONFLICT DO NOTHING",
    [dialogId, key],
  );
}

export async function loadDialog(db: Queryable, dialogId: string): Promise<DialogRow | undefined> {
  const result = await db.query<DialogRow>(`SELECT ${DIALOG_COLUMNS} FROM dialogs WHERE id = $1`, [dialogId]);
  return result.rows[0];
}

/** The dialog row and its waiting messages, in one round trip. */
export async function loadTurnInput(db: Queryable, dialogId: string): Promise<TurnInputRows> {
  const result = await db.query<DialogRow & { pending: InboxRow[] | null }>({
    name: "load-turn-input",
    text: `SELECT ${DIALOG_COLUMNS}, (${PENDING}) AS pending FROM dialogs WHERE id = $1`,
    values: [dialogId],
  });
  const row = result.rows[0];
  if (!row) return { dialog: undefined, pending: [] };
  const { pending, ...dialog } = row;
  return { dialog, pending: pending ?? [] };
}

export async function dialogsWithPendingMessages(db: Queryable, olderThanMs: number): Promise<string[]> {
  const result = await db.query<{ dialog_id: string }>(
    "SELECT DISTINCT dialog_id FROM inbox WHERE turn_id IS NULL AND received_at < now() - make_interval(secs => $1)",
    [olderThanMs / 1000],
  );
  return result.rows.map((row) => row.dialog_id);
}

export function toView(row: DialogRow): DialogView {
  return {
    dialogId: row.id,
    stage: row.stage,
    owner: row.owner,
    slots: row.slots,
    ...(row.results ? { results: row.results } : {}),
  };
}

export async function readTranscript(
  db: Queryable,
  dialogId: string,
  after = 0,
  limit = 500,
): Promise<TranscriptEntry[]> {
  const result = await db.query<{ id: number; author: TranscriptEntry["author"]; text: string; at: Date }>(
    "SELECT id, author, text, at FROM transcript WHERE dialog_id = $1 AND id > $2 ORDER BY id LIMIT $3",
    [dialogId, after, limit],
  );
  return result.rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/** Sets the owner; returns true when it changed. The owner.changed event commits with it. */
export async function setOwner(db: Queryable, dialogId: string, owner: Owner, reason: string): Promise<boolean> {
  const changed: EventData<"owner.changed"> = { owner, reason };
  const result = await db.query(
    `WITH u AS (
       UPDATE dialogs SET owner = $2, updated_at = now() WHERE id = $1 AND owner <> $2 RETURNING id
     ) INSERT INTO events (dialog_id, type, data) SELECT $1, 'owner.changed', $3 FROM u`,
    [dialogId, owner, changed],
  );
  return (result.rowCount ?? 0) > 0;
}

/** Marks the dialog blocked; returns true when it was not already (dialog.blocked is published with it). */
export async function markBlocked(db: Queryable, dialogId: string): Promise<boolean> {
  const result = await db.query(
    `WITH d AS (UPDATE dialogs SET blocked = true, updated_at = now() WHERE id = $1 AND NOT blocked RETURNING id),
     o AS (UPDATE outbox SET status = 'cancelled', last_error = 'client blocked the bot'
       WHERE dialog_id = $1 AND status = 'pending')
     INSERT INTO events (dialog_id, type, data) SELECT $1, 'dialog.blocked', '{}' FROM d`,
    [dialogId],
  );
  return (result.rowCount ?? 0) > 0;
}

const ERASE = [
  "DELETE FROM inbox WHERE dialog_id = $1",
  "DELETE FROM transcript WHERE dialog_id = $1",
  "DELETE FROM outbox WHERE dialog_id = $1",
  "DELETE FROM events WHERE dialog_id = $1",
  "DELETE FROM leads WHERE dialog_id = $1",
  "DELETE FROM llm_usage WHERE dialog_id = $1",
  "DELETE FROM checkpoint_writes WHERE thread_id = $1",
  "DELETE FROM checkpoint_blobs WHERE thread_id = $1",
  "DELETE FROM checkpoints WHERE thread_id = $1",
  "DELETE FROM dialogs WHERE id = $1",
  // dialog.erased carries no data (EventData<"dialog.erased"> is empty).
  `INSERT INTO events (dialog_id, type, data) SELECT $1, 'dialog.erased', '{}'`,
];

/** Erases every row about the dialog in one transaction; returns false when there was nothing. */
export async function eraseDialog(pool: pg.Pool, dialogId: string): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    const existed = await client.query("SELECT 1 FROM dialogs WHERE id = $1 FOR UPDATE", [dialogId]);
    if (existed.rowCount === 0) return false;
    for (const sql of ERASE) await client.query(sql, [dialogId]);
    return true;
  });
}

/** The bot's replies of the turn that took this inbox message, or null while it is still waiting. */
export async function repliesOfTurn(db: Queryable, inboxId: number): Promise<Reply[] | null> {
  const result = await db.query<{ turn_id: number | null; replies: Reply[] | null }>(
    `SELECT i.turn_id, (SELECT json_agg(o.reply ORDER BY o.id) FROM outbox o WHERE o.turn_id = i.turn_id AND o.author = 'bot') AS replies
     FROM inbox i WHERE i.id = $1`,
    [inboxId],
  );
  const row = result.rows[0];
  if (!row || row.turn_id === null) return null;
  return row.replies ?? [];
}
