// The core's tables: dialogs, inbox, transcript, outbox, events, leads. Checkpoint tables belong to the saver's setup().
import type { Migration } from "@wewall/shared";

export const coreMigrations: readonly Migration[] = [
  {
    id: "001_dialogs",
    sql: `
      CREATE SEQUENCE turn_seq;
      CREATE TABLE dialogs (
        id text PRIMARY KEY,
        channel text NOT NULL,
        chat_id text NOT NULL,
        stage text NOT NULL DEFAULT 'greeting',
        owner text NOT NULL DEFAULT 'bot' CHECK (owner IN ('bot', 'manager')),
        slots jsonb NOT NULL DEFAULT '{}',
        results jsonb,
        checkpoint_id text,
        turns integer NOT NULL DEFAULT 0,
        blocked boolean NOT NULL DEFAULT false,
        source text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_client_at timestamptz
      );
      CREATE TABLE inbox (
        id bigserial PRIMARY KEY,
        dialog_id text NOT NULL,
        message_id text NOT NULL,
        kind text NOT NULL DEFAULT 'client' CHECK (kind IN ('client', 'resume')),
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        turn_id bigint,
        UNIQUE (dialog_id, message_id)
      );
      CREATE INDEX inbox_pending ON inbox (dialog_id, id) WHERE turn_id IS NULL;
      CREATE TABLE transcript (
        id bigserial PRIMARY KEY,
        dialog_id text NOT NULL,
        author text NOT NULL CHECK (author IN ('client', 'bot', 'manager')),
        text text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX transcript_dialog ON transcript (dialog_id, id);
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        delivery_id text NOT NULL UNIQUE,
        dialog_id text NOT NULL,
        turn_id bigint,
        author text NOT NULL CHECK (author IN ('bot', 'manager')),
        reply jsonb NOT NULL,
        source_message_id text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'acked', 'delivered', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_pending ON outbox (dialog_id, id) WHERE status = 'pending';
      CREATE INDEX outbox_turn ON outbox (turn_id);
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        dialog_id text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX events_dialog ON events (dialog_id, id);
      CREATE TABLE leads (
        id text PRIMARY KEY,
        dialog_id text NOT NULL,
        phone text,
        name text,
        slots jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX leads_dialog ON leads (dialog_id);
    `,
  },
  {
    // The optional LLM layer: calls and tokens per dialog (and so per lead), and the knowledge base's passages.
    id: "002_llm",
    sql: `
      CREATE TABLE llm_usage (
        id bigserial PRIMARY KEY,
        dialog_id text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('interpret', 'answer', 'style')),
        outcome text NOT NULL CHECK (outcome IN ('ok', 'failed', 'rejected')),
        input_tokens integer NOT NULL DEFAULT 0,
        output_tokens integer NOT NULL DEFAULT 0,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX llm_usage_dialog ON llm_usage (dialog_id);
      CREATE VIEW llm_usage_by_dialog AS
        SELECT dialog_id, count(*) AS calls, count(*) FILTER (WHERE outcome <> 'ok') AS failed_calls,
               sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens
        FROM llm_usage GROUP BY dialog_id;
      CREATE VIEW llm_usage_by_lead AS
        SELECT l.id AS lead_id, l.dialog_id, coalesce(u.calls, 0) AS calls,
               coalesce(u.input_tokens, 0) AS input_tokens, coalesce(u.output_tokens, 0) AS output_tokens
        FROM leads l LEFT JOIN llm_usage_by_dialog u ON u.dialog_id = l.dialog_id;
      CREATE TABLE knowledge_passages (
        id text PRIMARY KEY,
        source text NOT NULL,
        title text NOT NULL,
        heading text NOT NULL,
        body text NOT NULL,
        hash text NOT NULL,
        tsv tsvector NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX knowledge_passages_tsv ON knowledge_passages USING GIN (tsv);
      CREATE INDEX knowledge_passages_source ON knowledge_passages (source);
    `,
  },
  {
    // The client asked not to be written to first: the follow-up route refuses for good, whatever the scheduler holds.
    id: "003_followups_stopped",
    sql: "ALTER TABLE dialogs ADD COLUMN followups_stopped boolean NOT NULL DEFAULT false",
  },
];
