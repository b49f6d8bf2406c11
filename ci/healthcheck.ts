// The image's HEALTHCHECK: exit 0 when GET /health on 127.0.0.1:<port> answers 2xx within 4 s (port = argv[2]); bundled to dist/healthcheck.js.
import { argv, exit } from "node:process";

const port = Number(argv[2] ?? "3000");
try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
  exit(response.ok ? 0 : 1);
} catch {
  exit(1);
}
