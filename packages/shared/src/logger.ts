// pino JSON logs; message texts, phones and tokens are redacted so they never reach info level, nor the rows a
// database error quotes (its `where` and `detail`) any level.
import pino from "pino";

export type Logger = pino.Logger;

const REDACTED = [
  "text",
  "phone",
  "token",
  "*.text",
  "*.phone",
  "*.token",
  "err.where",
  "err.detail",
  "error.where",
  "error.detail",
  "req.headers.authorization",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-signature"]',
];

export function createLogger(name: string, level = "info"): Logger {
  return pino({ name, level, redact: { paths: REDACTED, censor: "[redacted]" } });
}
