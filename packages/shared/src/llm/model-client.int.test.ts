// The model client through the real ChatOpenAI against the loopback fake: formats, streaming, retries, timeout, breaker.
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCircuitBreaker } from "./circuit-breaker.js";
import { LlmError } from "./llm-error.js";
import { createModelClient, type ModelClient } from "./model-client.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@wewall/test-support";

let fake: FakeOpenAiServer;
let clock = 0;
const sleeps: number[] = [];

function client(overrides: { timeoutMs?: number; maxRetries?: number; failures?: number } = {}): ModelClient {
  return createModelClient({
    baseUrl: fake.url,
    apiKey: "test-key",
    model: "fake-model",
    timeoutMs: overrides.timeoutMs ?? 2000,
    maxRetries: overrides.maxRetries ?? 2,
    breaker: createCircuitBreaker({ failureThreshold: overrides.failures ?? 3, coolDownMs: 1000, now: () => clock }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}
const messages = [new SystemMessage("система"), new HumanMessage("привет")];

beforeAll(async () => {
  fake = await startFakeOpenAiServer();
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.reset();
  sleeps.length = 0;
  clock = 0;
});

describe("model client", () => {
  it("sends the model, key and JSON schema, and returns content with token usage", async () => {
    fake.script({ json: { act: "agree" } });
    const answer = await client().complete({
      messages,
      jsonSchema: { name: "turn", schema: { type: "object", properties: {}, additionalProperties: false } },
    });
    expect(JSON.parse(answer.content)).toEqual({ act: "agree" });
    expect(answer.inputTokens).toBeGreaterThan(0);
    expect(answer.outputTokens).toBeGreaterThan(0);
    const sent = fake.requests[0]?.body;
    expect(sent?.model).toBe("fake-model");
    expect(sent?.response_format?.type).toBe("json_schema");
    expect(sent?.messages.map((m) => m.role)).toEqual(["system", "user"]);
  });

  it("returns tool calls with parsed arguments", async () => {
    fake.script({ toolCalls: [{ name: "valuate", args: { metro: "Сокол" } }] });
    const answer = await client().complete({
      messages,
      tools: [{ name: "valuate", description: "оценка", parameters: { type: "object", properties: {} } }],
    });
    expect(answer.toolCalls).toEqual([{ name: "valuate", args: { metro: "Сокол" } }]);
    expect(fake.requests[0]?.body.tools?.[0]?.function.name).toBe("valuate");
  });

  it("streams server-sent events to the real client", async () => {
    fake.script({ content: "Комиссия агентства — два процента." });
    const chat = new ChatOpenAI({
      model: "fake-model",
      apiKey: "k",
      maxRetries: 0,
      configuration: { baseURL: fake.url },
    });
    let text = "";
    for await (const chunk of await chat.stream("вопрос")) text += chunk.text;
    expect(text).toBe("Комиссия агентства — два процента.");
    expect(fake.requests[0]?.body.stream).toBe(true);
  });

  it("retries 5xx and 429 with growing jittered delays, then succeeds", async () => {
    fake.script({ status: 500 }, { status: 429 }, { content: "ок" });
    const answer = await client().complete({ messages });
    expect(answer.content).toBe("ок");
    expect(answer.attempts).toBe(3);
    expect(fake.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThanOrEqual(100);
    expect(sleeps[0]).toBeLessThanOrEqual(200);
    expect(sleeps[1]).toBeGreaterThanOrEqual(200);
    expect(sleeps[1]).toBeLessThanOrEqual(400);
  });

  it("gives up after the bounded retries of a 429 storm and does not retry a 400", async () => {
    fake.fallback = () => ({ status: 429 });
    await expect(client({ maxRetries: 2 }).complete({ messages })).rejects.toMatchObject({ code: "llm_rate_limited" });
    expect(fake.requests).toHaveLength(3);
    fake.reset();
    fake.script({ status: 400 });
    await expect(client().complete({ messages })).rejects.toMatchObject({ code: "llm_bad_request" });
    expect(fake.requests).toHaveLength(1);
  });

  it("waits for a slow model within the timeout", async () => {
    fake.script({ content: "медленно, но верно", delayMs: 150 });
    const answer = await client({ timeoutMs: 1000 }).complete({ messages });
    expect(answer.content).toBe("медленно, но верно");
    expect(answer.modelMs).toBeGreaterThanOrEqual(140);
  });

  it("times out a model that does not answer", async () => {
    fake.script({ hang: true });
    const error = await client({ timeoutMs: 150, maxRetries: 0 })
      .complete({ messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: "llm_timeout" });
  });

  it("reports garbage instead of a completion as an error, never a crash", async () => {
    fake.script({ garbage: "<html>502 Bad Gateway</html>" });
    await expect(client({ maxRetries: 0 }).complete({ messages })).rejects.toBeInstanceOf(LlmError);
  });

  it("opens the circuit after consecutive failures, then lets one trial through after the cool-down", async () => {
    const model = client({ maxRetries: 0, failures: 2 });
    fake.fallback = () => ({ status: 503 });
    await expect(model.complete({ messages })).rejects.toMatchObject({ code: "llm_server" });
    await expect(model.complete({ messages })).rejects.toMatchObject({ code: "llm_server" });
    expect(model.circuit()).toBe("open");
    await expect(model.complete({ messages })).rejects.toMatchObject({ code: "llm_circuit_open" });
    expect(fake.requests).toHaveLength(2);

    clock = 1000;
    expect(model.circuit()).toBe("half-open");
    await expect(model.complete({ messages })).rejects.toMatchObject({ code: "llm_server" });
    expect(model.circuit()).toBe("open");
    clock = 2000;
    fake.fallback = () => ({ content: "снова работаю" });
    expect((await model.complete({ messages })).content).toBe("снова работаю");
    expect(model.circuit()).toBe("closed");
    expect(fake.requests).toHaveLength(4);
  });
});
