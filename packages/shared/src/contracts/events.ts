// The core's event feed as one contract: a zod union on `type` that producers are typed by and consumers parse with.
// Tolerance lives in eventPageSchema: it needs only each event's envelope (id, dialogId, type, at) and sets aside
// an event whose type or data it cannot read as `unreadable`, so one such event never fails the page; the feed
// follower (follow-event-feed.ts) logs and counts what was set aside. The core serves envelopes
// (eventWirePageSchema) and does not parse what it wrote: tests hold every producer, SQL included, to this union.
import { z } from "zod";
import { ownerSchema } from "./dialogs.js";
import { buttonSchema } from "./messages.js";
import { slotsSchema } from "./slots.js";

export const eventTypeSchema = z.enum([
  "message.in",
  "message.out",
  "stage.changed",
  "slots.changed",
  "owner.changed",
  "lead.created",
  "delivery.status",
  "dialog.erased",
  "dialog.blocked",
  "followups.stopped",
]);

const authorSchema = z.enum(["bot", "manager"]);

// What each event's `data` holds. Fields a newer core adds are dropped on parse, never a reason to reject.
export const eventDataSchemas = {
  "message.in": z.object({
    messageId: z.string(),
    text: z.string(),
    user: z
      .object({
        id: z.string(),
        name: z.string().optional(),
        username: z.string().optional(),
        phone: z.string().optional(),
      })
      .optional(),
  }),
  "message.out": z.object({
    deliveryId: z.string(),
    author: authorSchema,
    text: z.string(),
    buttons: z.array(z.array(buttonSchema)).optional(),
    // A manager's message: its id in the system it came from (amoCRM), and who wrote it.
    messageId: z.string().optional(),
    operator: z.string().optional(),
    // A follow-up the scheduler asked for: its id there, and which rung of the ladder it was.
    followUp: z.object({ id: z.string(), kind: z.string() }).optional(),
  }),
  "stage.changed": z.object({ from: z.string(), to: z.string() }),
  "slots.changed": z.object({ slots: slotsSchema, changed: z.array(z.string()) }),
  "owner.changed": z.object({ owner: ownerSchema, reason: z.string() }),
  "lead.created": z.object({
    leadId: z.string(),
    slots: slotsSchema,
    phone: z.string().optional(),
    name: z.string().optional(),
  }),
  "delivery.status": z.object({
    deliveryId: z.string(),
    status: z.enum(["delivered", "failed"]),
    author: authorSchema,
    // Set for a manager's message: the id it came with (its amoCRM message).
    messageId: z.string().optional(),
    channelMessageId: z.string().optional(),
    errorCode: z.string().optional(),
    error: z.string().optional(),
  }),
  "dialog.erased": z.object({}),
  // The client blocked the bot on its channel (a new message from them unblocks it).
  "dialog.blocked": z.object({}),
  // The client asked not to be written to first ("не пишите мне"): no follow-up reaches them again.
  "followups.stopped": z.object({}),
} satisfies Record<EventType, z.ZodType>;

const envelope = { id: z.number(), dialogId: z.string(), at: z.string() };

const variant = <T extends EventType>(type: T) =>
  z.object({ ...envelope, type: z.literal(type), data: eventDataSchemas[type] });

export const dialogEventSchema = z.discriminatedUnion("type", [
  variant("message.in"),
  variant("message.out"),
  variant("stage.changed"),
  variant("slots.changed"),
  variant("owner.changed"),
  variant("lead.created"),
  variant("delivery.status"),
  variant("dialog.erased"),
  variant("dialog.blocked"),
  variant("followups.stopped"),
]);

export type EventType = z.infer<typeof eventTypeSchema>;
export type DialogEvent = z.infer<typeof dialogEventSchema>;
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;
/** An event as a producer writes it: the type and its data; the feed adds id, dialogId and time. */
export type EventDraft = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];

/** Any event as the core serves it, read or not: what a page needs to move its cursor. */
export const eventEnvelopeSchema = z.object({ ...envelope, type: z.string(), data: z.record(z.string(), z.unknown()) });
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** An event this reader cannot read (an unknown type, or data not of its type's shape), with why. */
export interface UnreadableEvent {
  event: EventEnvelope;
  /** Paths and messages of the problems, without the values (they may be a client's words). */
  problems: string[];
}

/** GET /v1/events as the core serves it. */
export const eventWirePageSchema = z.object({ events: z.array(eventEnvelopeSchema), cursor: z.number() });

export interface EventPage {
  events: DialogEvent[];
  /** Events of the page set aside; absent when there were none. */
  unreadable?: UnreadableEvent[];
  cursor: number;
}

export function readEvent(event: EventEnvelope): { event: DialogEvent } | { unreadable: UnreadableEvent } {
  const parsed = dialogEventSchema.safeParse(event);
  if (parsed.success) return { event: parsed.data };
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.map(String).join(".") || "(event)"}: ${issue.message}`,
  );
  return { unreadable: { event, problems } };
}

/** A page of the feed as its readers parse it: readable events typed, the others set aside with why. */
export const eventPageSchema = eventWirePageSchema.transform((page): EventPage => {
  const events: DialogEvent[] = [];
  const unreadable: UnreadableEvent[] = [];
  for (const raw of page.events) {
    const read = readEvent(raw);
    if ("event" in read) events.push(read.event);
    else unreadable.push(read.unreadable);
  }
  return unreadable.length > 0 ? { events, unreadable, cursor: page.cursor } : { events, cursor: page.cursor };
});
