// Calculator benchmarks: hold-out accuracy on the real CIAN sale set, and valuations/s on 1 000 000 synthetic listings.
import { loadavg } from "node:os";
import { createLogger } from "@wewall/shared";
import { createTestDatabase, generateSyntheticListings } from "@wewall/test-support";
import { loadDemoCatalogueIfEmpty } from "@wewall/catalogue";
import { measureAccuracy } from "./bench/accuracy.js";
import { measureThroughput } from "./bench/throughput.js";

const dataDir = process.env.SHARED_DATA_DIR ?? new URL("../../../shared/data", import.meta.url).pathname;
const pct = (value: number, digits = 1) => `${(value * 100).toFixed(digits)} %`;

export default async function bench(): Promise<void> {
  const logger = createLogger("bench", "error");
  const accuracyDb = await createTestDatabase("wewall_bench");
  try {
    const started = Date.now();
    const r = await measureAccuracy(accuracyDb.pool, dataDir, logger);
    console.log(
      `accuracy: hold-out 20 % of sale listings, seed 20230601 (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  plausible listings ${r.listings} (outliers filtered first), held out ${r.heldOut}, valued ${r.valued}`,
    );
    console.log(`  median APE vs asking price ${pct(r.medianApe, 2)} (target ≤ 8 %)`);
    console.log(`  within 10 % ${pct(r.within10)} (target ≥ 60 %)`);
    console.log(`  median APE of the after-bargaining price ${pct(r.medianApeAfterBargaining, 2)}`);
    console.log(
      `  median low–high width ${pct(r.medianRangeWidth)} of price; asking − 4.5 % inside ${pct(r.insideRange)}`,
    );
  } finally {
    await accuracyDb.close();
  }
  const db = await createTestDatabase("wewall_bench");
  try {
    let started = Date.now();
    await loadDemoCatalogueIfEmpty(db.pool, dataDir, logger);
    await generateSyntheticListings(db.pool, 1_000_000 - 16_619);
    console.log(`synthetic catalogue: 1 000 000 listings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    const t = await measureThroughput(db.pool, logger, 4000, 16);
    console.log(
      `valuations: ${t.count} through app.inject, 16 in flight, pool of 10: ${t.perSecond.toFixed(0)}/s (target ≥ 500/s), ${t.failed} failed; valuator alone ${t.directPerSecond.toFixed(0)}/s; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    await db.close();
  }
}
