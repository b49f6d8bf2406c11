// What the scheduler keeps of one dialog, and how each event of the core's feed changes it.
import type { Button, DialogEvent } from "@wewall/shared";
import type { CancelCause } from "./scheduler-metrics.js";

export interface DialogState {
  dialogId: string;
  stage: string;
  intent: string | null;
  owner: "bot" | "manager";
  blocked: boolean;
  stopped: boolean;
  lead: boolean;
  timeZone: string | null;
  /** The bot spoke last: the client has something to answer. */
  awaitingClient: boolean;
  lastQuestion: { text: string; buttons?: Button[][] } | null;
  /** The dialog's last message in or out, or owner change: the core refuses a follow-up if anything came after. */
  lastEventId: number;
  lastBotAt: Date | null;
  lastClientAt: Date | null;
  /** Follow-ups sent since the client last wrote. */
  inARow: number;
  sentTotal: number;
  lastFollowUpAt: Date | null;
}

export const newDialogState = (dialogId: string): DialogState => ({
  dialogId,
  stage: "greeting",
  intent: null,
  owner: "bot",
  blocked: false,
  stopped: false,
  lead: false,
  timeZone: null,
  awaitingClient: false,
  lastQuestion: null,
  lastEventId: 0,
  lastBotAt: null,
  lastClientAt: null,
  inARow: 0,
  sentTotal: 0,
  lastFollowUpAt: null,
});

// When several events of a page cancel a dialog's follow-up, the strongest reason is the one counted.
const STRENGTH: readonly CancelCause[] = [
  "replanned",
  "moved",
  "client_message",
  "manager",
  "lead_created",
  "blocked",
  "stopped",
  "erased",
];
export const strongerCause = (a: CancelCause | undefined, b: CancelCause): CancelCause =>
  a === undefined || STRENGTH.indexOf(b) > STRENGTH.indexOf(a) ? b : a;

const ANSWER_WINDOW_MS = 24 * 3_600_000;

/**
 * Folds one event into the state (in place) at `now`, the scheduler's clock; returns the cause it gives to cancel
 * what waits, and whether the client answered a follow-up within 24 hours. Undefined: the event changes no plan.
 */
export function foldEvent(
  state: DialogState,
  event: DialogEvent,
  now: Date,
): { cause: CancelCause; answered?: boolean } | undefined {
  switch (event.type) {
    case "message.in": {
      const answered =
        state.inARow > 0 &&
        state.lastFollowUpAt !== null &&
        now.getTime() - state.lastFollowUpAt.getTime() <= ANSWER_WINDOW_MS;
      Object.assign(state, { awaitingClient: false, lastClientAt: now, inARow: 0, blocked: false });
      state.lastEventId = event.id;
      return { cause: "client_message", answered };
    }
    case "message.out": {
      state.lastEventId = event.id;
      if (event.data.author === "manager") {
        state.owner = "manager";
        return { cause: "manager" };
      }
      state.awaitingClient = true;
      state.lastBotAt = now;
      if (event.data.followUp) {
        state.inARow += 1;
        state.sentTotal += 1;
        state.lastFollowUpAt = now;
      } else {
        const { text, buttons } = event.data;
        state.lastQuestion = buttons ? { text, buttons } : { text };
      }
      return { cause: "replanned" };
    }
    case "owner.changed":
      state.owner = event.data.owner;
      state.lastEventId = event.id;
      return { cause: event.data.owner === "manager" ? "manager" : "replanned" };
    case "stage.changed":
      state.stage = event.data.to;
      return { cause: "replanned" };
    case "slots.changed":
      state.intent = event.data.slots.intent ?? null;
      return { cause: "replanned" };
    case "lead.created":
      state.lead = true;
      return { cause: "lead_created" };
    case "dialog.blocked":
      state.blocked = true;
      return { cause: "blocked" };
    case "followups.stopped":
      state.stopped = true;
      return { cause: "stopped" };
    case "dialog.erased":
      return { cause: "erased" };
    case "delivery.status":
      return undefined;
  }
}
