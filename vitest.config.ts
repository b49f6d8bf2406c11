// One test runner for the whole repository: unit tests (x.test.ts) and integration tests (x.int.test.ts).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "packages/*/src/**/*.test.ts", "services/*/src/**/*.test.ts", "ci/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    globalSetup: ["packages/test-support/src/report-test-servers.ts"],
  },
});
