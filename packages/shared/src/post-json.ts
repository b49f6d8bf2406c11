// POSTs JSON to a service on the hot path: node:http with a keep-alive agent per process, a deadline for the whole
// exchange, and the body as text. fetch (undici with web streams) cost several times the CPU per call here.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

export interface JsonResponse {
  status: number;
  text: string;
}

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

/** Sends `body` as JSON; rejects on a network error or when `timeoutMs` passes before the whole answer arrived. */
export function postJson(url: string | URL, body: unknown, timeoutMs: number): Promise<JsonResponse> {
  const target = typeof url === "string" ? new URL(url) : url;
  const payload = JSON.stringify(body);
  const secure = target.protocol === "https:";
  return new Promise((resolve, reject) => {
    const sent = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: "POST",
        agent: secure ? httpsAgent : httpAgent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("end", () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    const deadline = setTimeout(() => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(deadline);
      reject(error);
    }
    sent.on("error", fail);
    sent.end(payload);
  });
}
