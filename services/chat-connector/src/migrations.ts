// The chat-connector's own tables: channel state, OAuth tokens, dialog ↔ chat ↔ contact ↔ lead links, outbox, inbox.
import type { Migration } from "@wewall/shared";

export const migrations: Migration[] = [
  {
    id: "001_initial",
    sql: `
      CREATE TABLE amo_state (
        key text PRIMARY KEY,
        value text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE amo_oauth (
        account text PRIMARY KEY,
        access_token text NOT NULL,
        refresh_token text NOT NULL,
        expires_at timestamptz NOT NULL,
        refreshing_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE amo_dialogs (
        dialog_id text PRIMARY KEY,
        client_user_id text NOT NULL,
        client_name text,
        phone text,
        amojo_chat_id text,
        contact_id bigint,
        lead_id bigint,
        stage text,
        owner text NOT NULL DEFAULT 'bot',
        slots jsonb NOT NULL DEFAULT '{}',
        client_messages integer NOT NULL DEFAULT 0,
        bot_messages integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX amo_dialogs_contact ON amo_dialogs (contact_id);
      CREATE INDEX amo_dialogs_lead ON amo_dialogs (lead_id);
      CREATE TABLE amo_outbox (
        id bigserial PRIMARY KEY,
        chat_key text NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz
      );
      CREATE INDEX amo_outbox_pending ON amo_outbox (chat_key, id) WHERE state = 'pending';
      CREATE TABLE amo_inbox (
        id bigserial PRIMARY KEY,
        source text NOT NULL,
        dedup_key text NOT NULL,
        dialog_id text,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        UNIQUE (source, dedup_key)
      );
      CREATE INDEX amo_inbox_pending ON amo_inbox (next_at) WHERE state = 'pending';
    `,
  },
  {
    id: "002_rate",
    sql: `CREATE TABLE amo_rate (account text PRIMARY KEY, next_free timestamptz NOT NULL);`,
  },
  {
    // The webhook's hot path in one round trip; with durable = false the commit does not wait for the WAL flush.
    id: "003_store_webhook",
    sql: `
      CREATE FUNCTION amo_store_webhook(p_source text, p_key text, p_dialog text, p_payload jsonb, p_durable boolean)
      RETURNS text LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM amo_dialogs WHERE dialog_id = p_dialog) THEN
          RETURN 'unknown_dialog';
        END IF;
        IF NOT p_durable THEN
          PERFORM set_config('synchronous_commit', 'off', true);
        END IF;
        INSERT INTO amo_inbox (source, dedup_key, dialog_id, payload) VALUES (p_source, p_key, p_dialog, p_payload)
          ON CONFLICT (source, dedup_key) DO NOTHING;
        IF FOUND THEN
          RETURN 'stored';
        END IF;
        RETURN 'duplicate';
      END $$;
    `,
  },
];
