// The partner API's tables: partners and their keys, stored responses of idempotent requests, daily usage, callbacks.
import type { Migration } from "@wewall/shared";

export const externalApiMigrations: readonly Migration[] = [
  {
    id: "001_partners",
    sql: `
      CREATE TABLE partners (
        id text PRIMARY KEY,
        callback_url text,
        callback_secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE partner_keys (
        key_id text PRIMARY KEY,
        partner_id text NOT NULL REFERENCES partners(id),
        secret_hash bytea NOT NULL,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX partner_keys_partner ON partner_keys (partner_id);
      CREATE TABLE partner_idempotency (
        partner_id text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        body text,
        -- While the first request runs: a duplicate waits for it (409); past this time it was lost and is redone.
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, key)
      );
      CREATE INDEX partner_idempotency_created ON partner_idempotency (created_at);
      CREATE TABLE partner_usage (
        partner_id text NOT NULL,
        day date NOT NULL,
        kind text NOT NULL,
        count bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (partner_id, day, kind)
      );
      CREATE TABLE partner_cursor (
        key text PRIMARY KEY,
        value bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE partner_callbacks (
        id bigserial PRIMARY KEY,
        partner_id text NOT NULL,
        dialog_id text NOT NULL,
        event_id bigint NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        UNIQUE (partner_id, event_id)
      );
      CREATE INDEX partner_callbacks_due ON partner_callbacks (next_attempt_at) WHERE status = 'pending';
    `,
  },
];
