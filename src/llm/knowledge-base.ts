// The knowledge base: Markdown files split into passages, kept in PostgreSQL with Russian full-text search.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { withTransaction } from "@wewall/shared";
import type pg from "pg";

export interface Passage {
  id: string;
  source: string;
  title: string;
  heading: string;
  body: string;
}

export interface FoundPassage extends Passage {
  rank: number;
}

/** One passage per "## " section; the "# " title names the document. */
export function splitDocument(source: string, markdown: string): Passage[] {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  const title =
    lines
      .find((line) => line.startsWith("# "))
      ?.slice(2)
      .trim() ?? source;
  const sections: { heading: string; lines: string[] }[] = [{ heading: "", lines: [] }];
  for (const line of lines) {
    if (line.startsWith("# ")) continue;
    if (line.startsWith("## ")) sections.push({ heading: line.slice(3).trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  return sections
    .map((section) => ({ heading: section.heading, body: section.lines.join("\n").trim() }))
    .filter((section) => section.body.length > 0)
    .map((section, index) => ({ id: `${source}#${index + 1}`, source, title, ...section }));
}

export interface LoadReport {
  passages: number;
  changed: number;
  removed: number;
}

/** Brings the table in line with the folder: changed passages rewritten, vanished ones removed, the rest untouched. */
export async function loadKnowledge(pool: pg.Pool, dir: string): Promise<LoadReport> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  const passages: Passage[] = [];
  for (const file of files) passages.push(...splitDocument(file, await readFile(join(dir, file), "utf8")));
  return withTransaction(pool, async (client) => {
    const removed = await client.query("DELETE FROM knowledge_passages WHERE NOT (id = ANY($1::text[]))", [
      passages.map((p) => p.id),
    ]);
    let changed = 0;
    for (const p of passages) {
      const hash = createHash("sha256").update(`${p.title}\n${p.heading}\n${p.body}`).digest("hex");
      const result = await client.query(
        `INSERT INTO knowledge_passages (id, source, title, heading, body, hash, tsv)
         VALUES ($1, $2, $3, $4, $5, $6,
                 setweight(to_tsvector('russian', $3 || ' ' || $4), 'A') || setweight(to_tsvector('russian', $5), 'B'))
         ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, title = EXCLUDED.title, heading = EXCLUDED.heading,
           body = EXCLUDED.body, hash = EXCLUDED.hash, tsv = EXCLUDED.tsv, updated_at = now()
         WHERE knowledge_passages.hash <> EXCLUDED.hash`,
        [p.id, p.source, p.title, p.heading, p.body, hash],
      );
      changed += result.rowCount ?? 0;
    }
    return { passages: passages.length, changed, removed: removed.rowCount ?? 0 };
  });
}

/** Passages sharing any word with the question, best first (a question rarely repeats all of a passage's words). */
export async function searchKnowledge(pool: pg.Pool, question: string, limit = 3): Promise<FoundPassage[]> {
  const words = [...new Set(question.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 30);
  if (words.length === 0) return [];
  const { rows } = await pool.query<FoundPassage>(
    `SELECT id, source, title, heading, body, ts_rank(tsv, q) AS rank
     FROM knowledge_passages, to_tsquery('russian', $1) AS q
     WHERE tsv @@ q ORDER BY rank DESC, id LIMIT $2`,
    [words.join(" | "), limit],
  );
  return rows;
}
