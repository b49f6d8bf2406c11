// The dialog as the outside sees it and its transcript; its event feed is in events.ts.
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

export type Owner = z.infer<typeof ownerSchema>;
export type DialogView = z.infer<typeof dialogViewSchema>;
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

// A connector reports what happened to a delivery after it acknowledged it.
export const deliveryStatusSchema = z.strictObject({
  status: z.enum(["delivered", "failed"]),
  channelMessageId: z.string().max(200).optional(),
  errorCode: z.string().max(64).optional(),
  error: z.string().max(500).optional(),
});

export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;
