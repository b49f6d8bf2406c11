// Public surface of @wewall/shared.
export * from "./app-error.js";
export * from "./contracts/dialogs.js";
export * from "./contracts/messages.js";
export * from "./contracts/search.js";
export * from "./contracts/slots.js";
export * from "./contracts/valuation.js";
export * from "./database.js";
export * from "./http-app.js";
export * from "./logger.js";
export * from "./migrate.js";
export * from "./post-json.js";
export * from "./same-secret.js";
export * from "./env-without-blanks.js";
export * from "./metrics.js";
