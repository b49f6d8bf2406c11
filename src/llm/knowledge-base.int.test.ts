// The knowledge base in PostgreSQL: idempotent loading, updates and removals, Russian full-text search.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreMigrations } from "../db/migrations.js";
import { loadKnowledge, searchKnowledge } from "./knowledge-base.js";
import { knowledgeDir } from "./testing/llm-test-env.js";

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase("wewall_llm_kb");
  await runMigrations(db.pool, "core", coreMigrations);
  dir = await mkdtemp(join(tmpdir(), "wewall-kb-"));
  await cp(knowledgeDir, dir, { recursive: true });
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("knowledge base", () => {
  it("loads the folder once and leaves unchanged passages alone on the next start", async () => {
    const first = await loadKnowledge(db.pool, dir);
    expect(first.passages).toBeGreaterThanOrEqual(15);
    expect(first.changed).toBe(first.passages);
    const again = await loadKnowledge(db.pool, dir);
    expect(again).toEqual({ passages: first.passages, changed: 0, removed: 0 });
  });

  it("finds passages through Russian word forms", async () => {
    const commission = await searchKnowledge(db.pool, "Сколько вы берёте комиссии при покупке квартиры?");
    expect(commission[0]?.id).toBe("komissiya.md#1");
    const mortgage = await searchKnowledge(db.pool, "нужен ли первоначальный взнос по ипотеке");
    expect(mortgage[0]?.source).toBe("ipoteka.md");
    const hours = await searchKnowledge(db.pool, "до скольки работает офис в субботу?");
    expect(hours.map((p) => p.id)).toContain("kontakty.md#2");
    expect(await searchKnowledge(db.pool, "Как зовут вашего кота?")).toEqual([]);
    expect(await searchKnowledge(db.pool, "!!! ??? ' | & ) (")).toEqual([]);
  });

  it("rewrites an edited section and drops a deleted document", async () => {
    const file = join(dir, "komissiya.md");
    await writeFile(file, "# Комиссия и оплата\n\n## Покупка\n\nКомиссия при покупке составляет 3% от цены.\n");
    await rm(join(dir, "arenda.md"));
    const report = await loadKnowledge(db.pool, dir);
    expect(report.changed).toBe(1);
    expect(report.removed).toBeGreaterThanOrEqual(3 + 3);
    const found = await searchKnowledge(db.pool, "комиссия при покупке");
    expect(found[0]?.body).toMatch(/3%/);
    const { rows } = await db.pool.query(
      "SELECT count(*)::int AS n FROM knowledge_passages WHERE source = 'arenda.md'",
    );
    expect(rows[0].n).toBe(0);
  });
});
