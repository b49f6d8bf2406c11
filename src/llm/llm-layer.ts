// Builds the optional LLM layer from config: model client, ledger, interpreter wrapper, knowledge answerer, styler.
import type { Logger } from "@wewall/shared";
import type pg from "pg";
import type { LlmConfig } from "../config.js";
import type { QuestionAnswerer } from "../graph/configuration.js";
import type { MessageInterpreter } from "../nlu/message-interpreter.js";
import { createGuardedModel, type CallObservation } from "./guarded-model.js";
import { createKnowledgeAnswerer } from "./knowledge-answerer.js";
import { loadKnowledge } from "./knowledge-base.js";
import { createLlmInterpreter } from "./llm-interpreter.js";
import { createModelFromSettings, type ModelClient } from "@wewall/shared/llm";
import { createReplyStyler, type ReplyStyler } from "./reply-styler.js";
import type { SlotSupportDeps } from "./supported-slots.js";
import { createUsageLedger } from "./usage-ledger.js";

export interface LlmLayerDeps {
  config: NonNullable<LlmConfig>;
  pool: pg.Pool;
  logger: Logger;
  slotSupport: SlotSupportDeps;
  observe?: (observation: CallObservation) => void;
}

export interface LlmLayer {
  model: ModelClient;
  wrapInterpreter(rules: MessageInterpreter): MessageInterpreter;
  /** Null when the knowledge folder could not be loaded: questions then go to the manager as without an LLM. */
  answerer: QuestionAnswerer | null;
  /** Null unless LLM_STYLE=on. */
  styler: ReplyStyler | null;
}

export async function createLlmLayer(deps: LlmLayerDeps): Promise<LlmLayer> {
  const { config, logger } = deps;
  const model = createModelFromSettings(config);
  const guarded = createGuardedModel({
    model,
    ledger: createUsageLedger(deps.pool, {
      onWriteError: (error, rows) => logger.warn({ err: error, rows }, "llm usage rows not written"),
    }),
    logger,
    dialogTokenCap: config.dialogTokenCap,
    ...(deps.observe ? { observe: deps.observe } : {}),
  });
  let answerer: QuestionAnswerer | null = null;
  try {
    const report = await loadKnowledge(deps.pool, config.knowledgeDir);
    logger.info({ ...report, dir: config.knowledgeDir }, "knowledge base loaded");
    answerer = createKnowledgeAnswerer({ pool: deps.pool, model: guarded });
  } catch (error) {
    logger.warn(
      { err: error, dir: config.knowledgeDir },
      "knowledge base not loaded; free questions go to the manager",
    );
  }
  logger.info({ model: config.model, style: config.style }, "llm layer on");
  return {
    model,
    wrapInterpreter: (rules) => createLlmInterpreter(rules, { model: guarded, slotSupport: deps.slotSupport }),
    answerer,
    styler: config.style ? createReplyStyler(guarded) : null,
  };
}
