// The dialog's graph state: small on purpose (slots, stage, owner, last messages); the transcript lives in its own table.
import { Annotation } from "@langchain/langgraph";
import type { Owner, RelaxFilter, Reply, SlotName, Slots } from "@wewall/shared";

export type Stage = "greeting" | "slots" | "confirm" | "results" | "contact" | "done" | "question";
export type ContactField = "phone" | "name" | "consent";
export type Pending = { kind: "slot"; slot: SlotName } | { kind: "contact"; field: ContactField } | null;

export interface TurnInput {
  kind: "message" | "resume";
  texts: string[];
  button?: string;
  location?: { lat: number; lon: number };
  userName?: string;
  userPhone?: string;
}

export interface RecentMessage {
  author: "client" | "bot";
  text: string;
}

export interface ValuationSummary {
  price: number;
  low: number;
  high: number;
  pricePerM2: number;
  analogCount: number;
  monthlyRent?: number;
  grossYield?: number;
  paybackYears?: number | null;
}

export interface ListingSummary {
  id: string;
  url: string | null;
  price: number;
  area: number;
  rooms: number | null;
  metro: string | null;
}

export interface Results {
  valuation?: ValuationSummary;
  listings?: ListingSummary[];
  total?: number;
  offset?: number;
  /** Filters the client chose to loosen after an empty search; they hold until the wishes change. */
  relaxed?: RelaxFilter[];
}

/** What the interpreter made of this turn's messages; routing reads it. */
export interface TurnFlags {
  act:
    | "none"
    | "agree"
    | "disagree"
    | "back"
    | "skip"
    | "more"
    | "relax"
    | "call"
    | "handoff"
    | "restart"
    // "не пишите мне": no follow-ups from now on.
    | "unsubscribe";
  corrected: boolean;
  notice?: string;
}

const replace = <T>(initial: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: initial });

export const DialogState = Annotation.Root({
  turn: replace<TurnInput>(() => ({ kind: "message", texts: [] })),
  flags: replace<TurnFlags>(() => ({ act: "none", corrected: false })),
  stage: replace<Stage>(() => "greeting"),
  owner: replace<Owner>(() => "bot"),
  slots: replace<Slots>(() => ({})),
  skipped: replace<SlotName[]>(() => []),
  asked: replace<SlotName[]>(() => []),
  pending: replace<Pending>(() => null),
  confirmed: replace<boolean>(() => false),
  results: replace<Results | null>(() => null),
  toolError: replace<boolean>(() => false),
  leadId: replace<string | null>(() => null),
  /** The client asked to be called: the contact comes first, whatever else is still missing. */
  callRequested: replace<boolean>(() => false),
  replies: replace<Reply[]>(() => []),
  recent: replace<RecentMessage[]>(() => []),
});

export type DialogStateType = typeof DialogState.State;
export type DialogUpdate = typeof DialogState.Update;
