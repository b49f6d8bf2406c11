// Rules first; when they are unsure, the model classifies and extracts, and only what the message supports is kept.
import type { Slots } from "@wewall/shared";
import type { Interpretation, InterpretContext, MessageInterpreter } from "../nlu/message-interpreter.js";
import type { TurnInput } from "../graph/state.js";
import { normalizeText } from "../nlu/normalize-text.js";
import { currentDialogId } from "./current-dialog.js";
import type { GuardedModel } from "./guarded-model.js";
import { interpreterMessages } from "./interpreter-prompt.js";
import type { ModelAnswer } from "@wewall/shared/llm";
import { funnelTools, modelTurnJsonSchema, modelTurnSchema, toolArgsSchema, toolIntent } from "./model-turn.js";
import { supportedSlots, type SlotSupportDeps } from "./supported-slots.js";

export interface LlmInterpreterDeps {
  model: GuardedModel;
  slotSupport: SlotSupportDeps;
  /** Which dialog the turn belongs to (for the spend cap); the graph's thread id by default. */
  dialogId?: () => string | undefined;
}

// Greetings and thanks carry nothing to classify: the funnel answers them the same whatever a model says.
const SMALL_TALK = new Set(
  "привет приветствую здравствуйте здравствуй добрый доброе день вечер утро хай hello hi салют спасибо благодарю ок пока".split(
    " ",
  ),
);

/** Whether the rules left something for a model to decide. */
export function needsModel(input: TurnInput, rule: Interpretation): boolean {
  if (rule.confidence >= 1) return false;
  if (input.kind !== "message" || input.button !== undefined || input.location !== undefined) return false;
  const words = normalizeText(input.texts.join(" ")).match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 && !words.every((word) => SMALL_TALK.has(word));
}

export function createLlmInterpreter(rules: MessageInterpreter, deps: LlmInterpreterDeps): MessageInterpreter {
  const dialogIdOf = deps.dialogId ?? currentDialogId;
  return {
    async interpret(input, context) {
      const dialogId = dialogIdOf() ?? "unknown";
      deps.model.warm(dialogId);
      const rule = await rules.interpret(input, context);
      if (!needsModel(input, rule)) return rule;
      const text = input.texts.join("\n");
      const call = {
        messages: interpreterMessages(context, text),
        jsonSchema: modelTurnJsonSchema,
        tools: funnelTools,
      };
      const improved = await deps.model.ask("interpret", dialogId, call, (answer) =>
        readAnswer(answer, rule, context, text, deps.slotSupport),
      );
      return improved ?? rule;
    },
  };
}

// Null when the answer does not validate; the rule result then stands untouched.
function readAnswer(
  answer: ModelAnswer,
  rule: Interpretation,
  context: InterpretContext,
  text: string,
  support: SlotSupportDeps,
): Interpretation | null {
  const merged = (slots: Slots): Slots => ({ ...slots, ...rule.slots });
  const toolCall = answer.toolCalls[0];
  if (toolCall) {
    const intent = toolIntent[toolCall.name];
    const args = toolArgsSchema.safeParse(toolCall.args);
    if (!intent || !args.success) return null;
    const slots = supportedSlots(args.data, text, context.slots, support);
    // A "same but…" request with nothing the message supports changes nothing.
    if (Object.keys(slots).length === 0 && intent === context.slots.intent) return null;
    return { ...rule, intent: rule.intent ?? intent, slots: merged(slots), confidence: 0.9 };
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.content);
  } catch {
    return null;
  }
  const parsed = modelTurnSchema.safeParse(json);
  if (!parsed.success) return null;
  const turn = parsed.data;
  const slots = supportedSlots(turn.slots, text, context.slots, support);
  const base = { ...rule, slots: merged(slots), confidence: 0.9 };
  switch (turn.label) {
    case "answer":
      return Object.keys(slots).length > 0 ? base : null;
    case "correction":
      if (Object.keys(slots).length > 0) return base;
      return context.stage === "confirm" ? { ...base, act: "disagree" } : null;
    case "agree":
      return rule.act === "none" ? { ...base, act: "agree" } : base;
    case "back":
      return rule.act === "none"
        ? { ...base, act: "back", ...(turn.backTo && !rule.backTo ? { backTo: turn.backTo } : {}) }
        : base;
    case "intent_switch":
      return turn.intent && turn.intent !== "question" && !rule.intent ? { ...base, intent: turn.intent } : base;
    case "handoff":
      return rule.act === "none" ? { ...base, act: "handoff" } : base;
    case "question":
      return rule.intent ? base : { ...base, intent: "question" };
    case "unclear":
      return null;
  }
}
