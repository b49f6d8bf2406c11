// Environment for a test core that talks to the fake OpenAI server and reads the sample knowledge folder.
import { NO_MODEL_SLOTS } from "../supported-slots.js";
export const knowledgeDir = new URL("../../../knowledge", import.meta.url).pathname;

export function llmEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    LLM_BASE_URL: url,
    LLM_API_KEY: "test-key",
    LLM_MODEL: "fake-model",
    LLM_TIMEOUT_MS: "1000",
    LLM_MAX_RETRIES: "2",
    LLM_BREAKER_FAILURES: "3",
    KNOWLEDGE_DIR: knowledgeDir,
    ...extra,
  };
}

/** A model turn with every slot null but those given. */
export function modelTurn(
  label: string,
  extra: { intent?: string | null; backTo?: string | null; slots?: Record<string, unknown> } = {},
) {
  const none = NO_MODEL_SLOTS;
  return { label, intent: extra.intent ?? null, backTo: extra.backTo ?? null, slots: { ...none, ...extra.slots } };
}
