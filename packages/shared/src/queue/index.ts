// The queue vocabulary and claim-with-lease helper every inbox and outbox uses (README.md).
export * from "./claim-with-lease.js";
