// The telegram-bot's own tables: the update inbox, the delivery outbox, the chats that blocked the bot, small state.
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
  {
    // A row of the outbox either sends a reply or removes the inline keyboard of a message the client pressed.
    id: "002_clear_keyboard",
    sql: `
      ALTER TABLE tg_deliveries ALTER COLUMN reply DROP NOT NULL;
      ALTER TABLE tg_deliveries ADD COLUMN clear_keyboard_of bigint;
      ALTER TABLE tg_deliveries ADD CONSTRAINT tg_deliveries_one_content CHECK ((reply IS NULL) <> (clear_keyboard_of IS NULL));
    `,
  },
  {
    // The core's event feed cursor, and the indexes an erasure finds a chat's rows by.
    id: "003_erasure",
    sql: `
      CREATE TABLE tg_state (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX tg_updates_chat ON tg_updates (chat_id);
      CREATE INDEX tg_deliveries_chat ON tg_deliveries (chat_id);
    `,
  },
  {
    // The queue vocabulary every inbox and outbox shares (packages/shared/src/queue/README.md): rows are leased to the
    // process that works them, and claimed again when a stopped or crashed process left them.
    id: "004_queue_vocabulary",
    sql: `
      ALTER TABLE tg_updates RENAME COLUMN error TO last_error;
      ALTER TABLE tg_updates RENAME COLUMN received_at TO created_at;
      ALTER TABLE tg_updates RENAME COLUMN processed_at TO done_at;
      ALTER TABLE tg_updates ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
      ALTER TABLE tg_updates ADD COLUMN lease_until timestamptz;
      ALTER TABLE tg_deliveries RENAME COLUMN error TO last_error;
      ALTER TABLE tg_deliveries RENAME COLUMN received_at TO created_at;
      ALTER TABLE tg_deliveries RENAME COLUMN finished_at TO done_at;
      ALTER TABLE tg_deliveries ADD COLUMN attempts integer NOT NULL DEFAULT 0;
      ALTER TABLE tg_deliveries ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now();
      ALTER TABLE tg_deliveries ADD COLUMN lease_until timestamptz;
    `,
  },
];
