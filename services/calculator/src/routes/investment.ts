// POST /v1/investment: rent, yields, payback and IRR for buying the object to let.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { investmentRequestSchema, investmentSchema } from "@wewall/shared";
import { estimateInvestment } from "../estimate-investment.js";
import type { Valuator } from "../value-property.js";

export const investmentRoutes: FastifyPluginAsyncZod<{ valuator: Valuator }> = async (app, { valuator }) => {
  app.post(
    "/v1/investment",
    {
      config: { scope: "tools" },
      schema: {
        summary: "Rental investment figures (defaults overridable)",
        body: investmentRequestSchema,
        response: { 200: investmentSchema },
      },
    },
    async (request) => estimateInvestment(valuator, request.body),
  );
};
