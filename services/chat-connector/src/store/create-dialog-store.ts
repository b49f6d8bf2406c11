// Links of a dialog to its amoCRM chat, contact and lead, plus what the mirror needs to remember about it.
import type pg from "pg";

export interface DialogLink {
  dialogId: string;
  clientUserId: string;
  clientName: string | undefined;
  phone: string | undefined;
  amojoChatId: string | undefined;
  contactId: number | undefined;
  leadId: number | undefined;
  stage: string | undefined;
  owner: string;
  slots: Record<string, unknown>;
  clientMessages: number;
  botMessages: number;
}

/** The link of a dialog seen for the first time: nothing in amoCRM yet, the bot owns it. */
export function newDialogLink(
  dialogId: string,
  client: { name?: string | undefined; phone?: string | undefined } = {},
): DialogLink {
  return {
    dialogId,
    clientUserId: dialogId,
    clientName: client.name,
    phone: client.phone,
    amojoChatId: undefined,
    contactId: undefined,
    leadId: undefined,
    stage: undefined,
    owner: "bot",
    slots: {},
    clientMessages: 0,
    botMessages: 0,
  };
}

interface Row {
  dialog_id: string;
  client_user_id: string;
  client_name: string | null;
  phone: string | null;
  amojo_chat_id: string | null;
  contact_id: number | null;
  lead_id: number | null;
  stage: string | null;
  owner: string;
  slots: Record<string, unknown>;
  client_messages: number;
  bot_messages: number;
}

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

const toLink = (r: Row): DialogLink => ({
  dialogId: r.dialog_id,
  clientUserId: r.client_user_id,
  clientName: r.client_name ?? undefined,
  phone: r.phone ?? undefined,
  amojoChatId: r.amojo_chat_id ?? undefined,
  contactId: r.contact_id ?? undefined,
  leadId: r.lead_id ?? undefined,
  stage: r.stage ?? undefined,
  owner: r.owner,
  slots: r.slots,
  clientMessages: r.client_messages,
  botMessages: r.bot_messages,
});

export type DialogStore = ReturnType<typeof createDialogStore>;

export function createDialogStore(pool: pg.Pool) {
  return {
    async get(dialogId: string, db: Queryable = pool): Promise<DialogLink | undefined> {
      const { rows } = await db.query<Row>("SELECT * FROM amo_dialogs WHERE dialog_id = $1", [dialogId]);
      return rows[0] && toLink(rows[0]);
    },
    async getMany(dialogIds: string[], db: Queryable = pool): Promise<Map<string, DialogLink>> {
      const { rows } = await db.query<Row>("SELECT * FROM amo_dialogs WHERE dialog_id = ANY($1)", [dialogIds]);
      return new Map(rows.map((r) => [r.dialog_id, toLink(r)]));
    },
    async exists(dialogId: string): Promise<boolean> {
      const { rowCount } = await pool.query("SELECT 1 FROM amo_dialogs WHERE dialog_id = $1", [dialogId]);
      return rowCount === 1;
    },
    async save(link: DialogLink, db: Queryable = pool): Promise<void> {
      await db.query(
        `INSERT INTO amo_dialogs (dialog_id, client_user_id, client_name, phone, stage, owner, slots, client_messages, bot_messages)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (dialog_id) DO UPDATE SET client_name = EXCLUDED.client_name, phone = EXCLUDED.phone,
           stage = EXCLUDED.stage, owner = EXCLUDED.owner, slots = EXCLUDED.slots,
           client_messages = EXCLUDED.client_messages, bot_messages = EXCLUDED.bot_messages`,
        [
          link.dialogId,
          link.clientUserId,
          link.clientName ?? null,
          link.phone ?? null,
          link.stage ?? null,
          link.owner,
          JSON.stringify(link.slots),
          link.clientMessages,
          link.botMessages,
        ],
      );
    },
    // amoCRM ids are written by the outbox handlers once the calls that create them succeed.
    async setRemoteIds(
      dialogId: string,
      ids: { amojoChatId?: string; contactId?: number; leadId?: number },
    ): Promise<void> {
      await pool.query(
        `UPDATE amo_dialogs SET amojo_chat_id = COALESCE($2, amojo_chat_id), contact_id = COALESCE($3, contact_id),
           lead_id = COALESCE($4, lead_id) WHERE dialog_id = $1`,
        [dialogId, ids.amojoChatId ?? null, ids.contactId ?? null, ids.leadId ?? null],
      );
    },
    async byLead(leadId: number): Promise<string[]> {
      const { rows } = await pool.query<{ dialog_id: string }>("SELECT dialog_id FROM amo_dialogs WHERE lead_id = $1", [
        leadId,
      ]);
      return rows.map((r) => r.dialog_id);
    },
    async byChat(amojoChatId: string): Promise<string[]> {
      const { rows } = await pool.query<{ dialog_id: string }>(
        "SELECT dialog_id FROM amo_dialogs WHERE amojo_chat_id = $1",
        [amojoChatId],
      );
      return rows.map((r) => r.dialog_id);
    },
    async byContact(contactId: number): Promise<string[]> {
      const { rows } = await pool.query<{ dialog_id: string }>(
        "SELECT dialog_id FROM amo_dialogs WHERE contact_id = $1",
        [contactId],
      );
      return rows.map((r) => r.dialog_id);
    },
    // Erasure: the links, the calls not yet sent (they carry message texts) and the stored webhooks.
    async erase(dialogId: string, db: Queryable = pool): Promise<void> {
      await db.query("DELETE FROM amo_outbox WHERE chat_key = $1", [dialogId]);
      await db.query("DELETE FROM amo_inbox WHERE dialog_id = $1", [dialogId]);
      await db.query("DELETE FROM amo_dialogs WHERE dialog_id = $1", [dialogId]);
    },
  };
}
