// What amoCRM posts to us: a Chats API message webhook (JSON) and account webhooks (form-encoded, nested keys).
import { z } from "zod";

export const chatWebhookSchema = z.object({
  account_id: z.string(),
  time: z.number().optional(),
  message: z.object({
    sender: z.object({ id: z.string(), name: z.string().optional(), ref_id: z.string().optional() }),
    receiver: z.object({ id: z.string().optional(), client_id: z.string().optional() }).passthrough().optional(),
    conversation: z.object({ id: z.string(), client_id: z.string().min(1) }),
    timestamp: z.number().optional(),
    msec_timestamp: z.number().optional(),
    message: z.object({
      id: z.string().min(1),
      type: z.string(),
      text: z.string().optional(),
      media: z.string().optional(),
      file_name: z.string().optional(),
    }),
  }),
});

export type ChatWebhook = z.infer<typeof chatWebhookSchema>;

// qs turns `a[0][id]` into arrays, or into objects keyed "0", "1"… when indices are sparse or many: accept both.
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value && typeof value === "object" && !Array.isArray(value) ? Object.values(value) : value),
    z.array(item),
  );

const numeric = z.coerce.number().int().positive();

export const accountWebhookSchema = z.object({
  account: z.object({ id: z.string().optional(), subdomain: z.string().optional() }).optional(),
  leads: z
    .object({
      status: list(
        z.object({
          id: numeric,
          status_id: numeric,
          pipeline_id: numeric.optional(),
          last_modified: z.string().optional(),
        }),
      ).optional(),
    })
    .passthrough()
    .optional(),
  contacts: z
    .object({ delete: list(z.object({ id: numeric })).optional() })
    .passthrough()
    .optional(),
  talk: z
    .object({
      update: list(
        z.object({
          talk_id: z.string().optional(),
          chat_id: z.string(),
          is_in_work: z.string().optional(),
          updated_at: z.string().optional(),
        }),
      ).optional(),
    })
    .passthrough()
    .optional(),
});

export type AccountWebhook = z.infer<typeof accountWebhookSchema>;
