// The proxy's internal listener in small (ci/nginx/wewall.conf, port 8080): each request to the next core replica,
// and to the other one at once when the first refuses the connection, as NGINX's proxy_next_upstream does.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "@wewall/test-support";

export interface CoreBalancer {
  url: string;
  /** Requests each replica answered, by its URL. */
  served: Map<string, number>;
  /** The replica that answered the latest client message (POST …/messages). */
  lastMessageTo(): string | undefined;
  close(): Promise<void>;
}

export async function startCoreBalancer(replicas: readonly string[]): Promise<CoreBalancer> {
  const served = new Map(replicas.map((url) => [url, 0]));
  let next = 0;
  let lastMessage: string | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const first = next++ % replicas.length;
      const order = replicas.map((_, i) => replicas[(first + i) % replicas.length] ?? "");
      forward(order, req, Buffer.concat(chunks), res);
    });
  });

  function forward(order: string[], req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const [target, ...rest] = order;
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    const upstream = request(
      new URL(req.url ?? "/", target),
      { method: req.method, headers: req.headers },
      (answer) => {
        served.set(target, (served.get(target) ?? 0) + 1);
        if (req.method === "POST" && /\/messages(\?|$)/.test(req.url ?? "")) lastMessage = target;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // Only a refused or reset connection moves on: the request never reached a core (idempotent anyway).
    upstream.on("error", () => (res.headersSent ? res.destroy() : forward(rest, req, body, res)));
    // A client that goes away takes its upstream request with it (a long poll must not outlive its connector).
    res.on("close", () => upstream.destroy());
    upstream.end(body);
  }

  return {
    url: await listenOnLoopback(server),
    served,
    lastMessageTo: () => lastMessage,
    close: () => closeServer(server),
  };
}
