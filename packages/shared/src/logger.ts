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

// Secrets some callers can only send in the query (amoCRM's account webhook `?secret=`): the request line is logged at
// info level, so their values are cut from every URL a log line carries.
const SECRET_IN_QUERY = /([?&](?:secret|token|key|api_key|access_token|signature)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_IN_QUERY, "$1[redacted]");
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** `destination` is for tests that read what was logged; by default, standard output. */
export function createLogger(name: string, level = "info", destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: { paths: REDACTED, censor: "[redacted]" },
    serializers: {
      // fastify logs each request as `req`; only these fields, the URL without its secrets.
      req: (req: LoggedRequest) => ({ method: req.method, url: redactUrl(req.url ?? ""), remoteAddress: req.ip }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
