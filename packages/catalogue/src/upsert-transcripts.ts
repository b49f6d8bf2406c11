// Chat messages imported from an old WeWall MongoDB, kept for the core to adopt into its own transcript.
import type { Queryable } from "./upsert-listings.js";

export interface TranscriptRow {
  id: string;
  source: string;
  chatId: string;
  author: "client" | "bot" | "manager";
  text: string;
  sentAt: Date | null;
}

const BATCH = 1000;

export async function upsertTranscripts(db: Queryable, rows: readonly TranscriptRow[]): Promise<number> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    await db.query(
      `INSERT INTO catalogue_transcripts (id, source, chat_id, author, text, sent_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT (id) DO UPDATE SET chat_id = EXCLUDED.chat_id, author = EXCLUDED.author, text = EXCLUDED.text,
         sent_at = EXCLUDED.sent_at, updated_at = now()`,
      [
        batch.map((r) => r.id),
        batch.map((r) => r.source),
        batch.map((r) => r.chatId),
        batch.map((r) => r.author),
        batch.map((r) => r.text),
        batch.map((r) => r.sentAt),
      ],
    );
  }
  return rows.length;
}
