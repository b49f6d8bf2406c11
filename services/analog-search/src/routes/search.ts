// POST /v1/search: comparable listings, ranked and paged.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { searchRequestSchema, searchResultSchema } from "@wewall/shared";
import type { AnalogSearch } from "../search-analogs.js";

export const searchRoutes: FastifyPluginAsyncZod<{ analogSearch: AnalogSearch }> = async (app, { analogSearch }) => {
  app.post(
    "/v1/search",
    {
      config: { scope: "tools" },
      schema: {
        summary: "Find comparable listings",
        body: searchRequestSchema,
        response: { 200: searchResultSchema },
      },
    },
    async (request) => analogSearch.search(request.body),
  );
};
