// A loopback HTTP server speaking the calculator and analog-search contracts with scripted answers, delays and outages.
import { createServer, type Server } from "node:http";
import { closeServer, listenOnLoopback } from "@wewall/test-support";
import { searchRequestSchema, type Investment, type SearchResult, type Valuation } from "@wewall/shared";

export interface FakeToolsServer {
  url: string;
  calls: { path: string; body: unknown }[];
  /** "up" answers; "down" answers 503; "slow" answers after delayMs. */
  mode: "up" | "down" | "slow";
  delayMs: number;
  close(): Promise<void>;
}

const valuation: Valuation = {
  price: 15_500_000,
  pricePerM2: 310_000,
  low: 14_700_000,
  high: 16_300_000,
  analogs: [
    {
      id: "1",
      url: null,
      price: 15_000_000,
      pricePerM2: 300_000,
      adjustedPricePerM2: 310_000,
      weight: 1,
      area: 50,
      rooms: 2,
      metro: "Таганская",
      walkMinutes: 7,
    },
  ],
  adjustments: [],
};
const investment: Investment = {
  purchasePrice: 15_500_000,
  monthlyRent: 75_000,
  grossYield: 0.058,
  netYield: 0.045,
  paybackYears: 17.2,
  irr: 0.07,
  horizonYears: 10,
  assumptions: {},
};

// Seven listings at Таганская from 14 M; below that, nothing, unless the request loosens the budget as suggested.
const CHEAPEST = 14_000_000;

function search(request: { offset?: number; limit?: number; budget?: number; relax?: string[] }): SearchResult {
  if ((request.budget ?? Infinity) < CHEAPEST && !request.relax?.includes("budget")) {
    return { items: [], total: 0, relax: [{ filter: "budget", priceMax: 14_700_000, total: 7 }] };
  }
  return listings(request.offset ?? 0, request.limit ?? 10);
}

function listings(offset: number, limit: number): SearchResult {
  const total = 7;
  const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => ({
    id: String(offset + i + 1),
    url: `https://www.cian.ru/sale/flat/${offset + i + 1}/`,
    dealType: "sale" as const,
    propertyType: "flat" as const,
    price: CHEAPEST + (offset + i) * 100_000,
    pricePerM2: 280_000,
    area: 50,
    rooms: 2,
    floor: 5,
    floorsTotal: 9,
    metro: "Таганская",
    walkMinutes: 7,
    metroMode: "walk" as const,
    district: null,
    address: null,
    photos: [],
    score: 1 - i / 10,
  }));
  return { items, total };
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
            ? valuation
            : request.url === "/v1/investment"
              ? investment
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
