// The follow-up ladder as data: where the client stopped → how long after the bot's last word → what is sent.
import { followUpTexts, type Button, type FollowUpKind } from "@wewall/shared";

/** What the scheduler knows of a dialog, folded from the core's event feed. */
export interface DialogFacts {
  stage: string;
  intent: string | null;
  /** The bot's last message that was not a follow-up: the question the client left open. */
  lastQuestion: { text: string; buttons?: Button[][] } | null;
}

export type Situation = "question" | "search-results" | "valuation";

export interface Rung {
  /** Counted from the bot's last message (the previous follow-up, for a later rung). */
  afterMs: number;
  kind: FollowUpKind;
  words(facts: DialogFacts): { text: string; buttons?: Button[][] };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const FOLLOW_UP_LADDER: Record<Situation, readonly Rung[]> = {
  // Silent at a question (the opening choice, a slot, the confirmation): remind with the same question and buttons.
  question: [
    {
      afterMs: 2 * HOUR,
      kind: "reminder",
      words: ({ lastQuestion }) => ({
        text: followUpTexts.reminder(lastQuestion?.text),
        ...(lastQuestion?.buttons ? { buttons: lastQuestion.buttons } : {}),
      }),
    },
    {
      afterMs: DAY,
      kind: "call-offer",
      words: () => ({ text: followUpTexts.reminderAgain, buttons: followUpTexts.callButtons }),
    },
  ],
  // Listings shown, no contact: offer the ones not seen yet ("more" pages on from where the client stopped).
  "search-results": [
    {
      afterMs: DAY,
      kind: "new-listings",
      words: () => ({ text: followUpTexts.newListings, buttons: followUpTexts.newListingsButtons }),
    },
    {
      afterMs: 3 * DAY,
      kind: "call-offer",
      words: () => ({ text: followUpTexts.reminderAgain, buttons: followUpTexts.callButtons }),
    },
  ],
  // A valuation given, no contact: a manager's call.
  valuation: [
    {
      afterMs: 3 * DAY,
      kind: "call-offer",
      words: () => ({ text: followUpTexts.callOffer, buttons: followUpTexts.callButtons }),
    },
  ],
};

const QUESTION_STAGES = new Set(["greeting", "slots", "confirm"]);
const RESULT_STAGES = new Set(["results", "contact"]);

export function situationOf(facts: Pick<DialogFacts, "stage" | "intent">): Situation | undefined {
  if (QUESTION_STAGES.has(facts.stage)) return "question";
  if (!RESULT_STAGES.has(facts.stage)) return undefined;
  if (facts.intent === "valuation") return "valuation";
  return facts.intent === "search" ? "search-results" : undefined;
}

/** The rung for the next follow-up, after `inARow` unanswered ones; undefined when the ladder has no more. */
export function nextRung(facts: DialogFacts, inARow: number): { situation: Situation; rung: Rung } | undefined {
  const situation = situationOf(facts);
  const rung = situation ? FOLLOW_UP_LADDER[situation][inARow] : undefined;
  return situation && rung ? { situation, rung } : undefined;
}
