// The model behind the LLM layer: ChatOpenAI against any OpenAI-compatible server, with a timeout, retries and a breaker.
import type { BaseMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { backoffDelay, type BackoffOptions } from "../backoff-delay.js";
import { sleep as pause } from "../sleep.js";
import type { CircuitBreaker, CircuitState } from "./circuit-breaker.js";
import { LlmError, toLlmError } from "./llm-error.js";

export interface ModelTool {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export interface ModelCall {
  messages: BaseMessage[];
  /** Ask for JSON matching this schema (response_format json_schema). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  tools?: ModelTool[];
}

export interface ModelAnswer {
  content: string;
  toolCalls: { name: string; args: Record<string, unknown> }[];
  inputTokens: number;
  outputTokens: number;
  /** Time spent waiting for the model (all attempts), so the layer's own overhead can be told apart. */
  modelMs: number;
  attempts: number;
}

export interface ModelClient {
  complete(call: ModelCall): Promise<ModelAnswer>;
  circuit(): CircuitState;
}

export interface ModelClientOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  breaker: CircuitBreaker;
  backoff?: BackoffOptions;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 200, maxMs: 2000 };

export function createModelClient(options: ModelClientOptions): ModelClient {
  const chat = new ChatOpenAI({
    model: options.model,
    apiKey: options.apiKey,
    temperature: 0,
    // Retries are ours (bounded, jittered, visible to the breaker); the client's own would hide failures.
    maxRetries: 0,
    timeout: options.timeoutMs,
    configuration: { baseURL: options.baseUrl },
  });
  const sleep = options.sleep ?? pause;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  async function attempt(call: ModelCall): Promise<Omit<ModelAnswer, "modelMs" | "attempts">> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs);
    try {
      const message = await chat.invoke(call.messages, {
        signal: controller.signal,
        ...(call.jsonSchema
          ? {
              response_format: {
                type: "json_schema" as const,
                json_schema: { name: call.jsonSchema.name, schema: call.jsonSchema.schema, strict: true },
              },
            }
          : {}),
        ...(call.tools
          ? {
              tools: call.tools.map((tool) => ({
                type: "function" as const,
                function: { name: tool.name, description: tool.description, parameters: tool.parameters },
              })),
            }
          : {}),
      });
      return {
        content: message.text,
        toolCalls: (message.tool_calls ?? []).map((toolCall) => ({ name: toolCall.name, args: toolCall.args })),
        inputTokens: message.usage_metadata?.input_tokens ?? 0,
        outputTokens: message.usage_metadata?.output_tokens ?? 0,
      };
    } catch (error) {
      throw toLlmError(error, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    circuit: () => options.breaker.state(),
    async complete(call) {
      if (!options.breaker.tryAcquire()) throw new LlmError("llm_circuit_open", "model circuit is open");
      let modelMs = 0;
      for (let tries = 0; ; tries += 1) {
        const started = performance.now();
        try {
          const answer = await attempt(call);
          modelMs += performance.now() - started;
          options.breaker.succeeded();
          return { ...answer, modelMs, attempts: tries + 1 };
        } catch (caught) {
          modelMs += performance.now() - started;
          const error = caught instanceof LlmError ? caught : toLlmError(caught, false);
          if (error.retryable && tries < options.maxRetries) {
            await sleep(backoffDelay(tries, backoff));
            continue;
          }
          if (error.providerFailure) options.breaker.failed();
          else options.breaker.released();
          throw error;
        }
      }
    },
  };
}
