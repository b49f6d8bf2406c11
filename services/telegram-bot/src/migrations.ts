// The telegram-bot's own tables: the update inbox, the delivery outbox and the chats that blocked the bot.
import type { Migration } from "@wewall/shared";

export const migrations: readonly Migration[] = [
  {
    id: "001_inbox_outbox",
    sql: `
      CREATE TABLE tg_updates (
        update_id bigint PRIMARY KEY,
        chat_id text,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      );
      CREATE INDEX tg_updates_pending ON tg_updates (update_id) WHERE status = 'pending';

      CREATE TABLE tg_deliveries (
        seq bigserial PRIMARY KEY,
        delivery_id text NOT NULL UNIQUE,
        dialog_id text NOT NULL,
        chat_id text NOT NULL,
        reply jsonb NOT NULL,
        local boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        sent_ids jsonb NOT NULL DEFAULT '[]',
        attempt_part integer,
        attempt_at timestamptz,
        error_code text,
        error text,
        reported boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      CREATE INDEX tg_deliveries_pending ON tg_deliveries (seq) WHERE status = 'pending';
      CREATE INDEX tg_deliveries_unreported ON tg_deliveries (seq) WHERE status <> 'pending' AND NOT reported;

      CREATE TABLE tg_blocked_chats (
        chat_id text PRIMARY KEY,
        dialog_id text NOT NULL,
        blocked_at timestamptz NOT NULL DEFAULT now(),
        reported boolean NOT NULL DEFAULT false
      );
    `,
  },
];
