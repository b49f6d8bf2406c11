// One model call as the dialog sees it: spend cap checked, usage booked, every failure turned into null (rules stand).
import type { Logger } from "@wewall/shared";
import { LlmError, type ModelAnswer, type ModelCall, type ModelClient } from "@wewall/shared/llm";
import type { UsageLedger, UsagePurpose } from "./usage-ledger.js";

export interface CallObservation {
  purpose: UsagePurpose;
  outcome: "ok" | "failed" | "rejected" | "capped" | "skipped";
  /** Wall time of the whole guarded call. */
  totalMs: number;
  /** Of which waiting for the model. */
  modelMs: number;
  /** Of which waiting for the dialog's spend to be read. */
  ledgerMs: number;
  /** Of which checking the answer (parsing, slot support, reply guard). */
  checkMs: number;
  tokens: number;
}

export interface GuardedModelDeps {
  model: ModelClient;
  ledger: UsageLedger;
  logger: Logger;
  /** Tokens a dialog may spend; beyond it the dialog runs on rules. */
  dialogTokenCap: number;
  observe?: (observation: CallObservation) => void;
}

export interface GuardedModel {
  /** Reads the dialog's spend ahead of need, off the reply path. */
  warm(dialogId: string): void;
  /** The model's answer made into T by `accept` (null = does not validate), or null whenever anything fails. */
  ask<T>(
    purpose: UsagePurpose,
    dialogId: string,
    call: ModelCall,
    accept: (answer: ModelAnswer) => T | null,
  ): Promise<T | null>;
}

export function createGuardedModel(deps: GuardedModelDeps): GuardedModel {
  const { logger } = deps;
  return {
    warm: (dialogId) => deps.ledger.warm(dialogId),
    async ask<T>(
      purpose: UsagePurpose,
      dialogId: string,
      call: ModelCall,
      accept: (answer: ModelAnswer) => T | null,
    ): Promise<T | null> {
      const started = performance.now();
      let ledgerMs = 0;
      let checkMs = 0;
      const observe = (outcome: CallObservation["outcome"], modelMs: number, tokens: number) =>
        deps.observe?.({ purpose, outcome, totalMs: performance.now() - started, modelMs, ledgerMs, checkMs, tokens });
      try {
        const spent = await deps.ledger.spent(dialogId);
        ledgerMs = performance.now() - started;
        if (spent >= deps.dialogTokenCap) {
          logger.debug({ dialogId, purpose }, "llm spend cap reached, rules only");
          observe("capped", 0, 0);
          return null;
        }
      } catch (error) {
        logger.warn({ err: error, dialogId }, "llm ledger unavailable, skipping the model");
        return null;
      }
      let answer: ModelAnswer;
      try {
        answer = await deps.model.complete(call);
      } catch (error) {
        const code = error instanceof LlmError ? error.code : "llm_unknown";
        // An open circuit made no call: nothing to book.
        if (code === "llm_circuit_open") {
          observe("skipped", 0, 0);
          return null;
        }
        logger.warn(
          { dialogId, purpose, code, status: error instanceof LlmError ? error.status : undefined },
          "llm call failed",
        );
        book(deps, dialogId, purpose, "failed", 0, 0);
        observe("failed", 0, 0);
        return null;
      }
      let accepted: T | null = null;
      const checking = performance.now();
      try {
        accepted = accept(answer);
      } catch (error) {
        logger.warn({ err: error, dialogId, purpose }, "llm answer check threw");
      }
      checkMs = performance.now() - checking;
      const outcome = accepted === null ? "rejected" : "ok";
      if (outcome === "rejected") logger.info({ dialogId, purpose }, "llm answer rejected, rules stand");
      book(deps, dialogId, purpose, outcome, answer.inputTokens, answer.outputTokens);
      observe(outcome, answer.modelMs, answer.inputTokens + answer.outputTokens);
      return accepted;
    },
  };
}

function book(
  deps: GuardedModelDeps,
  dialogId: string,
  purpose: UsagePurpose,
  outcome: "ok" | "failed" | "rejected",
  inputTokens: number,
  outputTokens: number,
): void {
  deps.ledger.record({ dialogId, purpose, outcome, inputTokens, outputTokens });
}
