// The handoff note: written by the model from the dialog when one is configured, else (or on any failure) rule-built.
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { Logger, TranscriptEntry } from "@wewall/shared";
import { LlmError, type ModelClient } from "@wewall/shared/llm";
import { acceptSummary } from "./accept-summary.js";
import { dialogForModel, summaryInstructions, summaryRequest } from "./summary-prompt.js";

export interface SummaryRequest {
  dialogId: string;
  // The rule-built note: the funnel's facts for the model, and the note itself when the model is not used.
  ruleBuilt: string;
  // First line of the note either way.
  header: string;
  // The handoff's moment: what the dialog said up to it.
  atMs: number;
}

export interface SummaryWriterDeps {
  model: ModelClient | null;
  transcript: (dialogId: string) => Promise<TranscriptEntry[]>;
  logger: Logger;
}

export type SummaryWriter = ReturnType<typeof createSummaryWriter>;

export function createSummaryWriter(deps: SummaryWriterDeps) {
  async function modelSummary(model: ModelClient, request: SummaryRequest): Promise<string | null> {
    const { dialogId } = request;
    let entries: TranscriptEntry[];
    try {
      entries = (await deps.transcript(dialogId)).filter((entry) => Date.parse(entry.at) <= request.atMs);
    } catch (error) {
      deps.logger.warn({ dialogId, err: error }, "transcript unavailable; handoff note rule-built");
      return null;
    }
    if (!entries.some((entry) => entry.author === "client")) return null;
    const dialog = dialogForModel(entries);
    try {
      const answer = await model.complete({
        messages: [new SystemMessage(summaryInstructions), new HumanMessage(summaryRequest(request.ruleBuilt, dialog))],
      });
      const summary = acceptSummary(answer.content, [request.ruleBuilt, dialog]);
      deps.logger.info(
        { dialogId, accepted: summary !== null, tokens: answer.inputTokens + answer.outputTokens },
        summary ? "handoff note written by the model" : "model's handoff note rejected; rule-built note stands",
      );
      return summary;
    } catch (error) {
      const code = error instanceof LlmError ? error.code : "llm_unknown";
      deps.logger.warn({ dialogId, code }, "model unavailable; handoff note rule-built");
      return null;
    }
  }

  return {
    async write(request: SummaryRequest): Promise<string> {
      const summary = deps.model ? await modelSummary(deps.model, request) : null;
      return summary === null ? request.ruleBuilt : `${request.header}\n${summary}`;
    },
  };
}
