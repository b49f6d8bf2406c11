// The interface every NLU implements: rules today, an LLM behind the same shape when configured.
import type { Intent, RelaxFilter, SlotName, Slots } from "@wewall/shared";
import type { Pending, Stage, TurnFlags, TurnInput } from "../graph/state.js";

export interface InterpretContext {
  stage: Stage;
  pending: Pending;
  slots: Slots;
}

export interface Interpretation {
  act: TurnFlags["act"];
  backTo?: SlotName;
  intent?: Intent;
  /** With act "relax": the filter the client chose to loosen. */
  relax?: RelaxFilter;
  slots: Slots;
  /** How sure the interpreter is; below 1 an LLM may be asked for a second opinion. */
  confidence: number;
}

export interface MessageInterpreter {
  interpret(input: TurnInput, context: InterpretContext): Promise<Interpretation>;
}

export interface SlotParseContext {
  expect?: SlotName;
  dealType?: "sale" | "rent";
  floorsTotal?: number;
}

/** Numbers, metro, phone and the like from free Russian text (the ru-numbers package). */
export type SlotParser = (text: string, context: SlotParseContext) => Slots;
