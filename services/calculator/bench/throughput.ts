// Valuations per second on a large catalogue, through the HTTP app as the core calls it, several requests in flight.
import { asAdmin, testPlatform, seededRandom } from "@wewall/test-support";
import type pg from "pg";
import type { Logger, ValuationRequest } from "@wewall/shared";
import { buildApp } from "../src/app.js";
import { createValuator } from "../src/value-property.js";

interface Seed {
  rooms: number | null;
  total_area: number;
  floor: number | null;
  floors_total: number | null;
  metro: string;
  metro_minutes: number | null;
  metro_mode: "walk" | "transport" | null;
  kitchen_area: number | null;
  market: "new_building" | "secondary" | null;
  address: string | null;
}

export async function measureThroughput(pool: pg.Pool, logger: Logger, count: number, inFlight: number) {
  const seeds = (
    await pool.query<Seed>(
      `SELECT rooms, total_area, floor, floors_total, metro, metro_minutes, metro_mode, kitchen_area, market, address
       FROM listings WHERE source = 'cian' AND deal_type = 'sale' AND quality_ok AND metro IS NOT NULL`,
    )
  ).rows;
  const random = seededRandom(11);
  const requests = Array.from({ length: count }, () => toRequest(seeds[Math.floor(random() * seeds.length)]));
  const app = await buildApp({ pool, logger, ...testPlatform() });
  // warm-up: plan caches and station/table caches, as in a running service
  for (const payload of requests.slice(0, 50))
    await app.inject({ method: "POST", url: "/v1/valuations", payload, headers: asAdmin });
  let next = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const response = await app.inject({
          method: "POST",
          url: "/v1/valuations",
          payload: requests[i],
          headers: asAdmin,
        });
        if (response.statusCode !== 200) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  // the same requests straight into the valuator: what the method and the database cost without HTTP
  const valuator = createValuator({ pool });
  next = 0;
  const directStarted = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < requests.length; i = next++) {
        const request = requests[i];
        if (request) await valuator.value(request);
      }
    }),
  );
  const directPerSecond = count / ((performance.now() - directStarted) / 1000);
  return { count, seconds, perSecond: count / seconds, directPerSecond, failed };
}

function toRequest(seed: Seed | undefined): ValuationRequest {
  if (!seed) throw new Error("no seed listings");
  const defined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
  return {
    dealType: "sale",
    propertyType: "flat",
    rooms: seed.rooms ?? 1,
    area: seed.total_area,
    floor: defined(seed.floor),
    floorsTotal: defined(seed.floors_total),
    metro: seed.metro,
    walkMinutes: defined(seed.metro_minutes),
    metroMode: defined(seed.metro_mode),
    kitchenArea: defined(seed.kitchen_area),
    market: defined(seed.market),
    address: defined(seed.address),
  };
}
