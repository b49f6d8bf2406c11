// Calculator benchmarks: hold-out accuracy on the real CIAN sale set, and valuations/s on 1 000 000 synthetic listings.
import { createLogger } from "@wewall/shared";
import { createTestDatabase } from "@wewall/shared/testing";
import { measureAccuracy } from "./src/accuracy.js";

const dataDir = process.env.SHARED_DATA_DIR ?? new URL("../../../shared/data", import.meta.url).pathname;

export default async function bench(): Promise<void> {
  const logger = createLogger("bench", "warn");
  const db = await createTestDatabase("wewall_bench");
  try {
    const started = Date.now();
    const report = await measureAccuracy(db.pool, dataDir, logger);
    console.log(`accuracy (hold-out 20 %, seed 20230601, ${((Date.now() - started) / 1000).toFixed(1)} s):`);
    console.log(`  plausible listings ${report.listings}, held out ${report.heldOut}, valued ${report.valued}`);
    console.log(`  median APE vs asking price ${(report.medianApe * 100).toFixed(2)} %  (target ≤ 8 %)`);
    console.log(`  within 10 % ${(report.within10 * 100).toFixed(1)} %  (target ≥ 60 %)`);
    console.log(`  median APE of the after-bargaining price ${(report.medianApeAfterBargaining * 100).toFixed(2)} %`);
    console.log(
      `  median low–high width ${(report.medianRangeWidth * 100).toFixed(1)} % of price; deal price inside ${(report.insideRange * 100).toFixed(1)} %`,
    );
  } finally {
    await db.close();
  }
}
