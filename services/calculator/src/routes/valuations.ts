// POST /v1/valuations: the market value of an object by comparables, with the arithmetic shown.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { valuationRequestSchema, valuationSchema } from "@wewall/shared";
import type { Valuator } from "../value-property.js";

export const valuationRoutes: FastifyPluginAsyncZod<{ valuator: Valuator }> = async (app, { valuator }) => {
  app.post(
    "/v1/valuations",
    {
      config: { scope: "tools" },
      schema: {
        summary: "Value a property by comparables (LCT-2022 adjustment tables)",
        body: valuationRequestSchema,
        response: { 200: valuationSchema },
      },
    },
    async (request) => valuator.value(request.body),
  );
};
