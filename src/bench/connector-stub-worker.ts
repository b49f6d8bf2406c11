// The channel connector the bench's outbox pushes to, in its own thread as a real connector is its own process:
// it reads each delivery and acknowledges it, and posts its address to the parent.
import { createServer } from "node:http";
import { parentPort } from "node:worker_threads";

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (typeof address === "object" && address !== null) parentPort?.postMessage(`http://127.0.0.1:${address.port}`);
});
