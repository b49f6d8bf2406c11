// Credentials for tests: an admin token every test service accepts, and the check that each route demands one.
import { expect } from "vitest";
import { createMetrics, listRoutes, type HttpApp, type ServiceTokens, serviceTokensFrom } from "@wewall/shared";

export const TEST_ADMIN_TOKEN = "test-admin-token-000000000000";

/** Every caller's token, as a test stack's environment carries them. */
export const TEST_SERVICE_ENV = {
  ADMIN_TOKEN: TEST_ADMIN_TOKEN,
  CORE_SERVICE_TOKEN: "test-core-token-0000000000000",
  TELEGRAM_SERVICE_TOKEN: "test-telegram-token-000000000",
  CHAT_CONNECTOR_SERVICE_TOKEN: "test-connector-token-00000000",
  SCHEDULER_SERVICE_TOKEN: "test-scheduler-token-0000000",
  EXTERNAL_API_SERVICE_TOKEN: "test-external-api-token-00000",
};
export const testTokens: ServiceTokens = { admin: TEST_ADMIN_TOKEN };
export const asAdmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** The header the core sends with every reply it pushes to a channel connector. */
export const asCore = { authorization: `Bearer ${TEST_SERVICE_ENV.CORE_SERVICE_TOKEN}` };

/** What createHttpApp needs besides the service's own options, for an app built in a test. */
export const testPlatform = () => ({ auth: serviceTokensFrom(TEST_SERVICE_ENV), metrics: createMetrics("test") });

/** Calls every route that is not public with no token and with a wrong one: each must answer 401 in the JSON shape. */
export async function expectEveryRouteGuarded(app: HttpApp): Promise<number> {
  const guarded = listRoutes(app).filter((route) => !route.public && route.method !== "HEAD");
  for (const route of guarded) {
    const url = route.url.replace(/:(\w+)/g, "x$1");
    for (const headers of [{}, { authorization: "Bearer wrong-token-000000000000" }]) {
      const withBody = route.method !== "GET" && route.method !== "DELETE";
      const response = await app.inject({ method: route.method, url, headers, ...(withBody ? { payload: {} } : {}) });
      expect.soft(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect.soft(response.json(), `${route.method} ${route.url}`).toMatchObject({ error: "unauthorized" });
    }
  }
  return guarded.length;
}
