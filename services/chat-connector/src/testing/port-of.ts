// The port a loopback test server was given.
import type { AddressInfo } from "node:net";

export function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === "string") throw new Error("server is not listening on TCP");
  return address.port;
}
