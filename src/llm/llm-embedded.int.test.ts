// The LLM layer on the embedded database (PGlite, one connection): knowledge loaded with Russian search, answers given.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@wewall/shared";
import { afterAll, describe, expect, it } from "vitest";
import { startTestCore } from "../testing/start-test-core.js";
import { startFakeOpenAiServer } from "@wewall/test-support";
import { llmEnv } from "./testing/llm-test-env.js";

const dataDir = await mkdtemp(join(tmpdir(), "wewall-llm-embedded-"));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe("LLM layer on PGlite", () => {
  it("answers a free question from the knowledge base and books the call", async () => {
    const fake = await startFakeOpenAiServer();
    const db = await openDatabase({ dataDir });
    const core = await startTestCore(llmEnv(fake.url), db);
    try {
      fake.script({
        json: { known: true, answer: "При аренде комиссия равна 50% месячной платы.", sources: ["komissiya.md#3"] },
      });
      const reply = await core.say("cli:kb", "Сколько стоят ваши услуги, какая комиссия?");
      expect(reply[0]?.text).toMatch(/50% месячной платы[\s\S]*«Комиссия и оплата»/);
      expect(String(fake.requests[0]?.body.messages.at(-1)?.content)).toContain("komissiya.md#3");
      await expect
        .poll(async () => (await db.pool.query("SELECT count(*)::int AS n FROM llm_usage")).rows[0]?.n)
        .toBe(1);
    } finally {
      await core.close();
      await db.close();
      await fake.close();
    }
  });
});
