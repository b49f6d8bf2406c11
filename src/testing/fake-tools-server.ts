// A loopback HTTP server speaking the calculator and analog-search contracts with scripted answers, delays and outages.
import { createServer, type Server } from "node:http";
import {
  closeServer,
  listenOnLoopback,
  SAMPLE_CHEAPEST_PRICE,
  SAMPLE_INVESTMENT,
  SAMPLE_VALUATION,
  sampleListings,
} from "@wewall/test-support";
import { searchRequestSchema, type SearchResult } from "@wewall/shared";

export interface FakeToolsServer {
  url: string;
  calls: { path: string; body: unknown }[];
  /** "up" answers; "down" answers 503; "slow" answers after delayMs. */
  mode: "up" | "down" | "slow";
  delayMs: number;
  close(): Promise<void>;
}

// Seven listings at Таганская from 14 M; below that, nothing, unless the request loosens the budget as suggested.

function search(request: { offset?: number; limit?: number; budget?: number; relax?: string[] }): SearchResult {
  if ((request.budget ?? Infinity) < SAMPLE_CHEAPEST_PRICE && !request.relax?.includes("budget")) {
    return { items: [], total: 0, relax: [{ filter: "budget", priceMax: 14_700_000, total: 7 }] };
  }
  return sampleListings(request.offset ?? 0, request.limit ?? 10);
}

export async function startFakeToolsServer(): Promise<FakeToolsServer> {
  const fake: Omit<FakeToolsServer, "url" | "close"> = { calls: [], mode: "up", delayMs: 0 };
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    request.on("end", () => {
      const body: unknown = raw ? JSON.parse(raw) : null;
      fake.calls.push({ path: request.url ?? "", body });
      const answer = () => {
        if (fake.mode === "down") {
          response.writeHead(503, { "content-type": "application/json" }).end('{"error":"unavailable"}');
          return;
        }
        const searchRequest = request.url === "/v1/search" ? searchRequestSchema.safeParse(body) : undefined;
        if (searchRequest?.success === false) {
          response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify(searchRequest.error));
          return;
        }
        const payload =
          request.url === "/v1/valuations"
            ? SAMPLE_VALUATION
            : request.url === "/v1/investment"
              ? SAMPLE_INVESTMENT
              : search(searchRequest?.data ?? {});
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      if (fake.mode === "slow") setTimeout(answer, fake.delayMs);
      else answer();
    });
  });
  const url = await listenOnLoopback(server);
  return Object.assign(fake, { url, close: () => closeServer(server) });
}
