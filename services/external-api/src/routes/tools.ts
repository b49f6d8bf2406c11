// Valuations and searches for partners: the calculator's and the search's own contracts, proxied with our token.
import { sendJson, valuationRequestSchema, searchRequestSchema, bearer } from "@wewall/shared";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export interface ToolRoutesDeps {
  calculatorUrl: string;
  searchUrl: string;
  token: string | undefined;
}

const TOOL_TIMEOUT_MS = 15_000;

export const toolRoutes: FastifyPluginAsyncZod<ToolRoutesDeps> = async (app, deps) => {
  // The tool's answer goes back as it came (its status too): the partner sees the tool's contract unchanged.
  async function relay(url: string, body: unknown) {
    const answer = await sendJson("POST", url, body, { timeoutMs: TOOL_TIMEOUT_MS, headers: bearer(deps.token) });
    // A tool refusing our own token or failing is our problem, not the partner's request.
    const status = answer.status === 401 || answer.status === 403 || answer.status >= 500 ? 502 : answer.status;
    return {
      status,
      text: status === 502 ? JSON.stringify({ error: "tool_unavailable", message: "try again later" }) : answer.text,
    };
  }

  app.post(
    "/valuations",
    {
      config: { public: true, partnerScope: "valuations", usage: "valuations" },
      schema: { summary: "Value a property by comparables (the calculator's contract)", body: valuationRequestSchema },
    },
    async (request, reply) => {
      const { status, text } = await relay(new URL("/v1/valuations", deps.calculatorUrl).href, request.body);
      return reply.status(status).type("application/json").send(text);
    },
  );

  app.post(
    "/search",
    {
      config: { public: true, partnerScope: "search", usage: "searches" },
      schema: { summary: "Search comparable listings (the analog search's contract)", body: searchRequestSchema },
    },
    async (request, reply) => {
      const { status, text } = await relay(new URL("/v1/search", deps.searchUrl).href, request.body);
      return reply.status(status).type("application/json").send(text);
    },
  );
};
