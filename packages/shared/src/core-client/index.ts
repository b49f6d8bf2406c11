// The typed client of the core's HTTP API that every service uses.
export * from "./core-error.js";
export * from "./create-core-client.js";
