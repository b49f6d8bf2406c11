// The dialog as the outside sees it, its transcript and its event feed.
import { z } from "zod";
import { slotsSchema } from "./slots.js";

export const ownerSchema = z.enum(["bot", "manager"]);

export const dialogViewSchema = z.object({
  dialogId: z.string(),
  stage: z.string(),
  owner: ownerSchema,
  slots: slotsSchema,
  results: z.record(z.string(), z.unknown()).optional(),
});

export const transcriptEntrySchema = z.object({
  id: z.number(),
  author: z.enum(["client", "bot", "manager"]),
  text: z.string(),
  at: z.string(),
});

export const eventTypeSchema = z.enum([
  "message.in",
  "message.out",
  "stage.changed",
  "slots.changed",
  "owner.changed",
  "lead.created",
  "delivery.status",
  "dialog.erased",
]);

export const dialogEventSchema = z.object({
  id: z.number(),
  dialogId: z.string(),
  type: eventTypeSchema,
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const eventPageSchema = z.object({ events: z.array(dialogEventSchema), cursor: z.number() });

export type Owner = z.infer<typeof ownerSchema>;
export type DialogView = z.infer<typeof dialogViewSchema>;
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;
export type EventType = z.infer<typeof eventTypeSchema>;
export type DialogEvent = z.infer<typeof dialogEventSchema>;

// A connector reports what happened to a delivery after it acknowledged it.
export const deliveryStatusSchema = z.strictObject({
  status: z.enum(["delivered", "failed"]),
  channelMessageId: z.string().max(200).optional(),
  errorCode: z.string().max(64).optional(),
  error: z.string().max(500).optional(),
});

export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;
