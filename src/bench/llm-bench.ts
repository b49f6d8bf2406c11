// `npm run bench -- llm`: scripted Russian dialogs through the core with the LLM layer on a fake model; calls, tokens, overhead.
import { startTestCore } from "../testing/start-test-core.js";
import type { CallObservation } from "../llm/guarded-model.js";
import { benchDialogs, type BenchTurn } from "./llm-bench-dialogs.js";
import { startFakeOpenAiServer, type ChatRequest, type FakeAnswer } from "@wewall/test-support";
import { llmEnv, modelTurn } from "../llm/testing/llm-test-env.js";

const DIALOGS = 120;
const WARM_UP_DIALOGS = 12;
const CONCURRENCY = Number(process.env.LLM_BENCH_CONCURRENCY ?? 1);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(2)} ms`;

// Answers like a model would for the scripted phrasings; knowledge questions get a sentence of the top passage.
function scriptedModel(turns: Map<string, FakeAnswer>) {
  return (request: ChatRequest): FakeAnswer => {
    const last = String(request.messages.at(-1)?.content ?? "");
    if (request.response_format?.json_schema?.name === "knowledge_answer") {
      const passage = /\[([^\]]+)\][^\n]*\n([^\n]+)/u.exec(last);
      const sentence = passage?.[2]?.split(/(?<=\.)\s/u)[0] ?? "";
      return { json: { known: sentence.length > 0, answer: sentence, sources: passage?.[1] ? [passage[1]] : [] } };
    }
    const quoted = /<<<\n([\s\S]*)\n>>>$/u.exec(last)?.[1] ?? "";
    return turns.get(quoted) ?? { json: modelTurn("unclear") };
  };
}

export default async function bench(): Promise<void> {
  const dialogs = benchDialogs(DIALOGS);
  const scripted = new Map<string, FakeAnswer>();
  for (const turn of dialogs.flat()) if (turn.model) scripted.set(turn.text, turn.model);
  const fake = await startFakeOpenAiServer();
  fake.fallback = scriptedModel(scripted);
  const observations: CallObservation[] = [];
  const core = await startTestCore(llmEnv(fake.url), undefined, { llmObserve: (o) => observations.push(o) });
  try {
    // Warm-up (JIT, connection pool, first schema compiles), not counted.
    const warmUp = benchDialogs(WARM_UP_DIALOGS);
    for (const [index, turns] of warmUp.entries()) for (const turn of turns) await core.say(`warm:${index}`, turn.text);
    observations.length = 0;
    fake.requests.length = 0;

    let messages = 0;
    const started = performance.now();
    const run = async (turns: BenchTurn[], index: number) => {
      for (const turn of turns) {
        await core.say(`bench:${index}`, turn.text);
        messages += 1;
      }
    };
    // Several dialogs at a time, as in production; each dialog's turns in order.
    const queue = dialogs.map((turns, index) => () => run(turns, index));
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await next();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Usage rows are written behind the replies: wait until every call is booked.
    const booked = observations.filter((o) => o.outcome !== "capped" && o.outcome !== "skipped").length;
    for (let tries = 0; tries < 100; tries += 1) {
      const count = await core.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM llm_usage WHERE dialog_id LIKE 'bench:%'",
      );
      if ((count.rows[0]?.n ?? 0) >= booked) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { rows } = await core.db.pool.query<{ dialog_id: string; calls: string; tokens: string }>(
      `SELECT dialog_id, count(*) AS calls, sum(input_tokens + output_tokens) AS tokens
       FROM llm_usage WHERE dialog_id LIKE 'bench:%' GROUP BY dialog_id`,
    );
    const tokens = dialogs.map((_, i) => Number(rows.find((r) => r.dialog_id === `bench:${i}`)?.tokens ?? 0));
    const calls = observations.filter((o) => o.outcome === "ok" || o.outcome === "rejected" || o.outcome === "failed");
    const overhead = calls.map((o) => o.totalMs - o.modelMs);
    const modelTime = calls.map((o) => o.modelMs);
    const ledgerWait = calls.map((o) => o.ledgerMs);
    const checking = calls.map((o) => o.checkMs);
    const rest = calls.map((o) => o.totalMs - o.modelMs - o.ledgerMs - o.checkMs);
    const byPurpose = (["interpret", "answer", "style"] as const).map(
      (purpose) => `${purpose} ${calls.filter((o) => o.purpose === purpose).length}`,
    );
    console.log(
      `dialogs ${DIALOGS} (after ${WARM_UP_DIALOGS} warm-up), client messages ${messages}, ${(messages / seconds).toFixed(0)} messages/s, concurrency ${CONCURRENCY}`,
    );
    console.log(
      `LLM calls ${fake.requests.length} (${byPurpose.join(", ")}), per client message ${(fake.requests.length / messages).toFixed(3)} (target <= 0.3)`,
    );
    console.log(
      `tokens per dialog: mean ${(tokens.reduce((a, b) => a + b, 0) / DIALOGS).toFixed(0)}, p50 ${percentile(tokens, 50)}, max ${Math.max(...tokens)}`,
    );
    console.log(
      `added latency of the LLM path excluding model time (cap check, ledger, parsing, validation), per call (${overhead.length}): p50 ${ms(percentile(overhead, 50))}, p99 ${ms(percentile(overhead, 99))}, max ${ms(Math.max(...overhead))} (target p99 <= 5 ms)`,
    );
    console.log(
      `  of which reading the dialog's spend p99 ${ms(percentile(ledgerWait, 99))}, checking the answer p99 ${ms(percentile(checking, 99))}, the rest (breaker, booking, awaits) p99 ${ms(percentile(rest, 99))}`,
    );
    console.log(
      `model time against the zero-delay fake (ChatOpenAI client + loopback HTTP): p50 ${ms(percentile(modelTime, 50))}, p99 ${ms(percentile(modelTime, 99))}`,
    );
  } finally {
    await core.close();
    await fake.close();
  }
}
