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
  {
    // Group commit: the webhooks that arrived together stored by one call, one outcome per webhook, in order.
    id: "004_store_webhooks",
    sql: `
      DROP FUNCTION amo_store_webhook(text, text, text, jsonb, boolean);
      CREATE FUNCTION amo_store_webhooks(
        p_sources text[], p_keys text[], p_dialogs text[], p_payloads jsonb[], p_durable boolean
      ) RETURNS text[] LANGUAGE plpgsql AS $$
      DECLARE
        outcomes text[];
      BEGIN
        IF NOT p_durable THEN
          PERFORM set_config('synchronous_commit', 'off', true);
        END IF;
        WITH input AS (
          SELECT t.source, t.key, t.dialog, t.payload, t.ord,
                 EXISTS (SELECT 1 FROM amo_dialogs d WHERE d.dialog_id = t.dialog) AS known,
                 row_number() OVER (PARTITION BY t.source, t.key ORDER BY t.ord) = 1 AS first
            FROM unnest(p_sources, p_keys, p_dialogs, p_payloads) WITH ORDINALITY AS t(source, key, dialog, payload, ord)
        ), stored AS (
          INSERT INTO amo_inbox (source, dedup_key, dialog_id, payload)
            SELECT source, key, dialog, payload FROM input WHERE known AND first ORDER BY ord
            ON CONFLICT (source, dedup_key) DO NOTHING
            RETURNING source, dedup_key
        )
        SELECT array_agg(
                 CASE WHEN NOT i.known THEN 'unknown_dialog'
                      WHEN i.first AND s.dedup_key IS NOT NULL THEN 'stored'
                      ELSE 'duplicate' END
                 ORDER BY i.ord)
          INTO outcomes
          FROM input i LEFT JOIN stored s ON s.source = i.source AND s.dedup_key = i.key;
        RETURN outcomes;
      END $$;
    `,
  },
  {
    // The same outcomes from a loop of two small statements: measured 0.46 ms per call for one webhook and 0.86 ms
    // for six, against 0.76 ms and 1.04 ms for the set-based body above.
    id: "005_store_webhooks_loop",
    sql: `
      CREATE OR REPLACE FUNCTION amo_store_webhooks(
        p_sources text[], p_keys text[], p_dialogs text[], p_payloads jsonb[], p_durable boolean
      ) RETURNS text[] LANGUAGE plpgsql AS $$
      DECLARE
        outcomes text[] := '{}';
      BEGIN
        IF NOT p_durable THEN
          PERFORM set_config('synchronous_commit', 'off', true);
        END IF;
        FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
          IF NOT EXISTS (SELECT 1 FROM amo_dialogs WHERE dialog_id = p_dialogs[i]) THEN
            outcomes := outcomes || 'unknown_dialog'::text;
            CONTINUE;
          END IF;
          INSERT INTO amo_inbox (source, dedup_key, dialog_id, payload)
            VALUES (p_sources[i], p_keys[i], p_dialogs[i], p_payloads[i])
            ON CONFLICT (source, dedup_key) DO NOTHING;
          -- A second copy in the same group conflicts with the first, so it is a duplicate as well.
          outcomes := outcomes || (CASE WHEN FOUND THEN 'stored' ELSE 'duplicate' END);
        END LOOP;
        RETURN outcomes;
      END $$;
    `,
  },
  {
    // The queue vocabulary every inbox and outbox shares (packages/shared/src/queue/README.md).
    id: "006_queue_vocabulary",
    sql: `
      ALTER TABLE amo_outbox RENAME COLUMN state TO status;
      ALTER TABLE amo_outbox RENAME COLUMN next_at TO next_attempt_at;
      ALTER TABLE amo_outbox RENAME COLUMN leased_until TO lease_until;
      ALTER TABLE amo_inbox RENAME COLUMN state TO status;
      ALTER TABLE amo_inbox RENAME COLUMN next_at TO next_attempt_at;
      ALTER TABLE amo_inbox RENAME COLUMN leased_until TO lease_until;
      ALTER TABLE amo_inbox RENAME COLUMN received_at TO created_at;
    `,
  },
];
