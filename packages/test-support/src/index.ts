// Test helpers shared by every service's integration tests.
export * from "./test-database.js";
export * from "./listen-on-loopback.js";
export * from "./start-typescript-worker.js";
export * from "./spawn-core.js";
export * from "./fake-openai-server.js";
export * from "./drive-load.js";
export * from "./test-credentials.js";
export * from "./fake-core.js";
export * from "./post-json.js";
export * from "./read-body.js";
export * from "./seeded-random.js";
export * from "./synthetic-catalogue.js";
export * from "./test-servers.js";
export * from "./pausable-tcp-proxy.js";
export * from "./sample-answers.js";
