// POST /v1/deliveries: the core pushes a reply; it is recorded in the outbox before the 2xx, then queued to send.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { badRequest, deliverySchema } from "@wewall/shared";
import type { OutboxStore, StoredDelivery } from "../outbox-store.js";

export interface DeliveryRouteOptions {
  outbox: OutboxStore;
  onStored(delivery: StoredDelivery): void;
}

export const deliveryRoutes: FastifyPluginAsyncZod<DeliveryRouteOptions> = async (app, options) => {
  app.post(
    "/v1/deliveries",
    {
      config: { scope: "deliveries.push" },
      schema: {
        body: deliverySchema,
        response: {
          200: z.object({ accepted: z.boolean(), duplicate: z.boolean() }),
        },
      },
    },
    async (request) => {
      const delivery = request.body;
      if (delivery.channel !== "telegram") throw badRequest(`channel ${delivery.channel} is not telegram`);
      if (!/^-?\d+$/.test(delivery.chatId)) throw badRequest("chatId must be a Telegram chat id");
      const stored = await options.outbox.record(delivery);
      if (stored) options.onStored(stored);
      return { accepted: true, duplicate: stored === null };
    },
  );
};
