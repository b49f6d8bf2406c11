// What connectors send to the core and what the core sends back to them.
import { z } from "zod";

// The chat id may hold colons: a partner's dialog is partner:<partner id>:<user id> (the channel ends at the first).
export const dialogIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}:[A-Za-z0-9_.@:-]{1,128}$/, "dialogId must look like <channel>:<chat id>");

export const buttonSchema = z.strictObject({ text: z.string().min(1).max(64), data: z.string().min(1).max(64) });

export const replySchema = z.strictObject({
  text: z.string().min(1).max(20_000),
  buttons: z.array(z.array(buttonSchema)).optional(),
  requestPhone: z.boolean().optional(),
  photos: z.array(z.string().url()).max(10).optional(),
});

// White space, format and control characters and every default-ignorable code point (zero-width spaces and joiners,
// BOM, bidirectional marks and overrides, variation selectors...): a text of only these says nothing. By Unicode
// property rather than a list, so characters a list forgot ("\u202e\u200f") are covered too.
const INVISIBLE = /[\s\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}]/gu;

export const incomingMessageSchema = z.strictObject({
  messageId: z.string().min(1).max(200),
  text: z
    .string()
    .trim()
    .max(4096, "text is longer than 4096 characters")
    .refine((text) => text.replace(INVISIBLE, "") !== "", "text must not be empty"),
  channel: z.string().min(1).max(32).optional(),
  user: z
    .strictObject({
      id: z.string().min(1).max(128),
      name: z.string().max(200).optional(),
      username: z.string().max(200).optional(),
      phone: z.string().max(32).optional(),
    })
    .optional(),
  button: z.string().min(1).max(64).optional(),
  location: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  source: z.string().max(200).optional(),
  edited: z.boolean().optional(),
});

export const acceptedSchema = z.object({ accepted: z.boolean(), duplicate: z.boolean() });
export const turnRepliesSchema = z.object({ replies: z.array(replySchema) });

export const operatorMessageSchema = z.strictObject({
  messageId: z.string().min(1).max(200),
  text: z.string().trim().min(1).max(4096),
  operator: z.string().max(200).optional(),
});

// Pushed by the core to a channel connector; the connector acknowledges with 2xx once it has recorded it.
export const deliverySchema = z.object({
  deliveryId: z.string(),
  dialogId: dialogIdSchema,
  channel: z.string(),
  chatId: z.string(),
  author: z.enum(["bot", "manager"]),
  reply: replySchema,
  createdAt: z.string(),
});

export type Button = z.infer<typeof buttonSchema>;
export type Reply = z.infer<typeof replySchema>;
export type IncomingMessage = z.infer<typeof incomingMessageSchema>;
export type OperatorMessage = z.infer<typeof operatorMessageSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
