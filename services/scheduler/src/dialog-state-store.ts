// Reads and writes scheduler_dialogs rows as DialogState, inside the transaction that applies a feed page.
import type pg from "pg";
import { newDialogState, type DialogState } from "./dialog-facts.js";

interface StateRow {
  dialog_id: string;
  stage: string;
  intent: string | null;
  owner: string;
  blocked: boolean;
  stopped: boolean;
  lead: boolean;
  time_zone: string | null;
  awaiting_client: boolean;
  last_question: DialogState["lastQuestion"];
  last_event_id: string;
  last_bot_at: Date | null;
  last_client_at: Date | null;
  in_a_row: number;
  sent_total: number;
  last_follow_up_at: Date | null;
}

export function stateOf(row: StateRow): DialogState {
  return {
    dialogId: row.dialog_id,
    stage: row.stage,
    intent: row.intent,
    owner: row.owner === "manager" ? "manager" : "bot",
    blocked: row.blocked,
    stopped: row.stopped,
    lead: row.lead,
    timeZone: row.time_zone,
    awaitingClient: row.awaiting_client,
    lastQuestion: row.last_question,
    lastEventId: Number(row.last_event_id),
    lastBotAt: row.last_bot_at,
    lastClientAt: row.last_client_at,
    inARow: row.in_a_row,
    sentTotal: row.sent_total,
    lastFollowUpAt: row.last_follow_up_at,
  };
}

/** The states of these dialogs, locked for this transaction; a dialog not seen before starts fresh. */
export async function loadStates(db: pg.PoolClient, dialogIds: string[]): Promise<Map<string, DialogState>> {
  const result = await db.query<StateRow>(
    "SELECT * FROM scheduler_dialogs WHERE dialog_id = ANY($1::text[]) ORDER BY dialog_id FOR UPDATE",
    [dialogIds],
  );
  const states = new Map(result.rows.map((row) => [row.dialog_id, stateOf(row)]));
  for (const id of dialogIds) if (!states.has(id)) states.set(id, newDialogState(id));
  return states;
}

export async function saveState(db: pg.PoolClient, state: DialogState): Promise<void> {
  await db.query(
    `INSERT INTO scheduler_dialogs (dialog_id, stage, intent, owner, blocked, stopped, lead, time_zone, awaiting_client,
       last_question, last_event_id, last_bot_at, last_client_at, in_a_row, sent_total, last_follow_up_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     ON CONFLICT (dialog_id) DO UPDATE SET stage = $2, intent = $3, owner = $4, blocked = $5, stopped = $6, lead = $7,
       time_zone = $8, awaiting_client = $9, last_question = $10, last_event_id = $11, last_bot_at = $12,
       last_client_at = $13, in_a_row = $14, sent_total = $15, last_follow_up_at = $16, updated_at = now()`,
    [
      state.dialogId,
      state.stage,
      state.intent,
      state.owner,
      state.blocked,
      state.stopped,
      state.lead,
      state.timeZone,
      state.awaitingClient,
      state.lastQuestion === null ? null : JSON.stringify(state.lastQuestion),
      state.lastEventId,
      state.lastBotAt,
      state.lastClientAt,
      state.inARow,
      state.sentTotal,
      state.lastFollowUpAt,
    ],
  );
}
