// Which real servers this test run has: PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379, probed once.
import { connect } from "node:net";

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, timeout: 500 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/**
 * WEWALL_TEST_DATABASE=embedded runs the integration tests on PGlite even when PostgreSQL answers (to check that
 * path); with nothing on 5432 they run on PGlite anyway, as `npm start` does.
 */
export const postgresServer =
  process.env.WEWALL_TEST_DATABASE !== "embedded" && (process.env.CI === "true" || (await answers(5432)));

export const redisServer = process.env.CI === "true" || (await answers(6379));

/** Why a test that needs a real server is skipped, for the run's summary. */
export const NEEDS_POSTGRES = "needs a PostgreSQL server on 127.0.0.1:5432 (several connections, other processes)";
export const NEEDS_REDIS = "needs Redis on 127.0.0.1:6379";
