// A loopback OpenAI-compatible chat-completions server with scripted answers, errors, delays and streaming, for tests.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "./listen-on-loopback.js";

export interface FakeToolCall {
  name: string;
  args: Record<string, unknown>;
}

/** One scripted answer. `json` is sent as the message content, serialised. */
export type FakeAnswer = { delayMs?: number } & (
  | { content: string }
  | { json: unknown }
  | { toolCalls: FakeToolCall[]; content?: string }
  | { status: number; body?: string }
  | { garbage: string }
  | { hang: true }
);

export interface RecordedRequest {
  path: string;
  body: ChatRequest;
}

export interface ChatRequest {
  model?: string;
  stream?: boolean;
  messages: { role: string; content: unknown }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
  tools?: { type: string; function: { name: string } }[];
  stream_options?: { include_usage?: boolean };
}

export interface FakeOpenAiServer {
  /** Base URL for ChatOpenAI's `configuration.baseURL` (ends with /v1). */
  url: string;
  requests: RecordedRequest[];
  /** Queue answers, used in order; when the queue is empty `fallback` answers. */
  script(...answers: FakeAnswer[]): void;
  fallback: (request: ChatRequest) => FakeAnswer;
  reset(): void;
  close(): Promise<void>;
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const queue: FakeAnswer[] = [];
  const fake: Omit<FakeOpenAiServer, "url" | "close"> = {
    requests: [],
    script: (...answers) => queue.push(...answers),
    fallback: () => ({ content: "" }),
    reset() {
      queue.length = 0;
      fake.requests.length = 0;
      fake.fallback = () => ({ content: "" });
    },
  };
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
        response.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
        return;
      }
      const body = parseRequest(raw);
      fake.requests.push({ path: request.url, body });
      const answer = queue.shift() ?? fake.fallback(body);
      const send = () => respond(request, response, body, answer);
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  const base = await listenOnLoopback(server);
  return Object.assign(fake, { url: `${base}/v1`, close: () => closeServer(server) });
}

function parseRequest(raw: string): ChatRequest {
  const parsed: unknown = JSON.parse(raw);
  const messages: unknown = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "messages") : undefined;
  if (!Array.isArray(messages)) throw new Error("fake OpenAI: request without messages");
  // The shape is checked above only as far as the fake relies on it; tests assert on the rest.
  return Object.assign({ messages }, parsed);
}

function respond(_request: IncomingMessage, response: ServerResponse, body: ChatRequest, answer: FakeAnswer): void {
  if ("hang" in answer) return;
  if ("status" in answer) {
    const error = answer.body ?? JSON.stringify({ error: { message: "scripted failure", type: "server_error" } });
    response.writeHead(answer.status, { "content-type": "application/json" }).end(error);
    return;
  }
  if ("garbage" in answer) {
    response.writeHead(200, { "content-type": "application/json" }).end(answer.garbage);
    return;
  }
  const content = "json" in answer ? JSON.stringify(answer.json) : (answer.content ?? "");
  const toolCalls = "toolCalls" in answer ? answer.toolCalls : [];
  const promptText = body.messages.map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
  const usage = {
    prompt_tokens: estimateTokens(promptText),
    completion_tokens: estimateTokens(content + JSON.stringify(toolCalls)),
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const calls = toolCalls.map((call, index) => ({
    index,
    id: `call_${index + 1}`,
    type: "function",
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));
  const id = `chatcmpl-fake-${Date.now()}`;
  const finish = calls.length > 0 ? "tool_calls" : "stop";
  if (body.stream) {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const chunk = (delta: unknown, finishReason: string | null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
    response.write(chunk({ role: "assistant", content: "" }, null));
    for (const piece of content.match(/.{1,8}/gsu) ?? []) response.write(chunk({ content: piece }, null));
    if (calls.length > 0) response.write(chunk({ tool_calls: calls }, null));
    response.write(chunk({}, finish));
    if (body.stream_options?.include_usage)
      response.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", choices: [], usage })}\n\n`);
    response.end("data: [DONE]\n\n");
    return;
  }
  const message = {
    role: "assistant",
    content: calls.length > 0 && !content ? null : content,
    ...(calls.length > 0 ? { tool_calls: calls.map(({ index: _index, ...call }) => call) } : {}),
  };
  response.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({
      id,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
      usage,
    }),
  );
}
