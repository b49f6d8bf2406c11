// Compares a secret a request carries with the configured one in constant time.
import { timingSafeEqual } from "node:crypto";

export function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  const a = Buffer.from(typeof given === "string" ? given : "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
