// The scheduler's tables: its place in the core's feed, what it knows of each dialog, one row per follow-up.
import type { Migration } from "@wewall/shared";

export const schedulerMigrations: readonly Migration[] = [
  {
    id: "001_follow_ups",
    sql: `
      CREATE TABLE scheduler_cursor (
        key text PRIMARY KEY,
        value bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE scheduler_dialogs (
        dialog_id text PRIMARY KEY,
        stage text NOT NULL DEFAULT 'greeting',
        intent text,
        owner text NOT NULL DEFAULT 'bot',
        blocked boolean NOT NULL DEFAULT false,
        stopped boolean NOT NULL DEFAULT false,
        lead boolean NOT NULL DEFAULT false,
        time_zone text,
        awaiting_client boolean NOT NULL DEFAULT false,
        last_question jsonb,
        last_event_id bigint NOT NULL DEFAULT 0,
        last_bot_at timestamptz,
        last_client_at timestamptz,
        in_a_row integer NOT NULL DEFAULT 0,
        sent_total integer NOT NULL DEFAULT 0,
        last_follow_up_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE scheduler_follow_ups (
        id bigserial PRIMARY KEY,
        dialog_id text NOT NULL,
        situation text NOT NULL,
        rung integer NOT NULL,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        if_last_event_id bigint NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'cancelled', 'failed')),
        cause text,
        lease_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz
      );
      CREATE INDEX scheduler_follow_ups_due ON scheduler_follow_ups (due_at) WHERE status = 'pending';
      -- One follow-up waits per dialog at most: a new plan replaces the old one.
      CREATE UNIQUE INDEX scheduler_follow_ups_waiting ON scheduler_follow_ups (dialog_id) WHERE status = 'pending';
    `,
  },
];
