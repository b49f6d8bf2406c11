import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./is-database-unavailable.js";

const withCode = (code: string) => Object.assign(new Error("x"), { code });

describe("isDatabaseUnavailable", () => {
  it("knows a database that is down, restarting or busy", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "08006", "53300", "57P01", "57P03", "40001", "40P01"]) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("does not take a bad row or a bug for an outage", () => {
    for (const code of ["22P05", "23505", "42P01", "57014"])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable("Connection terminated")).toBe(false);
  });
});
