// Vitest global setup: says once, at the end of the run, which servers the integration tests ran against and why
// some were skipped.
import { NEEDS_POSTGRES, NEEDS_REDIS, postgresServer, redisServer } from "./test-servers.js";

export default function setup(): () => void {
  return () => {
    const forced = process.env.WEWALL_TEST_DATABASE === "embedded" ? "WEWALL_TEST_DATABASE=embedded" : "";
    const database = postgresServer
      ? "PostgreSQL on 127.0.0.1:5432"
      : `embedded PGlite (${forced || "nothing answers on :5432"})`;
    const skipped = [postgresServer ? "" : NEEDS_POSTGRES, redisServer ? "" : NEEDS_REDIS].filter(Boolean);
    const why = skipped.length > 0 ? `; skipped where a test ${skipped.join(", or ")}` : "";
    console.log(`\nIntegration tests ran on ${database}, Redis ${redisServer ? "on :6379" : "absent"}${why}.`);
  };
}
