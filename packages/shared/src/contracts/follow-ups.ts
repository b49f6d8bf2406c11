// The scheduler asks the core to send a follow-up; the core sends it only while the dialog is as the scheduler saw it.
import { z } from "zod";
import { buttonSchema } from "./messages.js";

/** The ladder's rungs: a reminder of the open question, new listings after results, a manager's call offered. */
export const followUpKindSchema = z.enum(["reminder", "new-listings", "call-offer"]);

export const followUpRequestSchema = z.strictObject({
  /** The scheduler's id of this follow-up: a repeated request with it sends nothing twice. */
  followUpId: z.string().min(1).max(200),
  kind: followUpKindSchema,
  text: z.string().trim().min(1).max(4096),
  buttons: z.array(z.array(buttonSchema)).optional(),
  /**
   * The dialog's last event the scheduler had seen when it decided: a message in or out, or an owner change, after
   * it means the conversation moved on, and the follow-up is refused.
   */
  ifLastEventId: z.number().int().min(0).optional(),
});

/** Why the core would not send a follow-up. */
export const followUpRefusalSchema = z.enum([
  "manager", // a manager owns the dialog
  "client_wrote", // a client message is waiting or came after the scheduler decided
  "moved", // the bot or a manager said something since, or the owner changed
  "blocked", // the client blocked the bot
  "unsubscribed", // the client asked not to be written to first
]);

export const followUpAnswerSchema = z.discriminatedUnion("sent", [
  z.object({ sent: z.literal(true), duplicate: z.boolean(), deliveryId: z.string() }),
  z.object({ sent: z.literal(false), reason: followUpRefusalSchema }),
]);

export type FollowUpKind = z.infer<typeof followUpKindSchema>;
export type FollowUpRequest = z.infer<typeof followUpRequestSchema>;
export type FollowUpRefusal = z.infer<typeof followUpRefusalSchema>;
export type FollowUpAnswer = z.infer<typeof followUpAnswerSchema>;
