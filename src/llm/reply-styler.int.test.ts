// LLM_STYLE: a rephrasing is used only when every figure and name survives and nothing is promised; else the original.
import { createLogger, runMigrations } from "@wewall/shared";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { coreMigrations } from "../db/migrations.js";
import { createCircuitBreaker } from "@wewall/shared/llm";
import { createGuardedModel } from "./guarded-model.js";
import { createModelClient } from "@wewall/shared/llm";
import { createReplyStyler, type ReplyStyler } from "./reply-styler.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@wewall/test-support";
import { createUsageLedger, type UsageLedger } from "./usage-ledger.js";

let db: TestDatabase;
let fake: FakeOpenAiServer;
let styler: ReplyStyler;
let ledger: UsageLedger;
const summary = "Проверьте, всё ли я правильно понял:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Таганская\n\nВсё верно?";

beforeAll(async () => {
  db = await createTestDatabase("wewall_llm_style");
  await runMigrations(db.pool, "core", coreMigrations);
  fake = await startFakeOpenAiServer();
  const model = createModelClient({
    baseUrl: fake.url,
    apiKey: "k",
    model: "fake-model",
    timeoutMs: 1000,
    maxRetries: 0,
    breaker: createCircuitBreaker({ failureThreshold: 100, coolDownMs: 1000 }),
  });
  ledger = createUsageLedger(db.pool);
  const guarded = createGuardedModel({
    model,
    ledger,
    logger: createLogger("style-test", "silent"),
    dialogTokenCap: 10_000,
  });
  styler = createReplyStyler(guarded);
});
afterAll(async () => {
  await fake?.close();
  await db?.close();
});
beforeEach(() => fake.reset());

describe("reply styler", () => {
  it("uses a rephrasing that keeps every figure and name, and books the call", async () => {
    const styled = "Давайте сверимся:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Таганская\n\nВсё так?";
    fake.script({ content: styled });
    expect(await styler.restyle(summary, "style:ok")).toBe(styled);
    expect(String(fake.requests[0]?.body.messages.at(-1)?.content)).toContain("15 000 000");
    await ledger.drain();
    const { rows } = await db.pool.query("SELECT purpose, outcome FROM llm_usage WHERE dialog_id = 'style:ok'");
    expect(rows).toEqual([{ purpose: "style", outcome: "ok" }]);
  });

  it.each([
    ["a lost figure", "Сверимся: бюджет до 15 млн, метро Таганская. Верно?"],
    ["a changed station", "Сверимся:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Курская\n\nВерно?"],
    ["an added promise", "Сверимся:\n• Бюджет: до 15 000 000 ₽\n• Метро: м. Таганская\nА ещё дадим скидку!"],
    ["an empty answer", ""],
  ])("keeps the original on %s", async (_case, content) => {
    fake.script({ content });
    expect(await styler.restyle(summary, "style:bad")).toBe(summary);
  });

  it("keeps the original when the model is down", async () => {
    fake.script({ status: 503 });
    expect(await styler.restyle(summary, "style:down")).toBe(summary);
  });
});
