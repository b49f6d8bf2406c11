// The data of each core event type, as the connector reads it (lenient: unknown fields pass, bad data is skipped).
import { z } from "zod";

export const messageInData = z.object({
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
});

export const messageOutData = z.object({
  deliveryId: z.string(),
  author: z.enum(["bot", "manager"]),
  text: z.string(),
  messageId: z.string().optional(),
});

export const stageChangedData = z.object({ from: z.string().nullish(), to: z.string() });
export const slotsChangedData = z.object({ slots: z.record(z.string(), z.unknown()), changed: z.array(z.string()) });
export const ownerChangedData = z.object({ owner: z.enum(["bot", "manager"]), reason: z.string().nullish() });
export const leadCreatedData = z.object({
  leadId: z.union([z.string(), z.number()]).optional(),
  slots: z.record(z.string(), z.unknown()).optional(),
  phone: z.string().optional(),
  name: z.string().optional(),
});
export const deliveryStatusData = z.object({
  deliveryId: z.string(),
  status: z.enum(["delivered", "failed"]),
  errorCode: z.string().optional(),
  error: z.string().optional(),
  author: z.enum(["bot", "manager"]),
  messageId: z.string().optional(),
});
