import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson } from "./post-json.js";
import { closeServer, freePort, listenOnLoopback } from "@wewall/test-support";

let url = "";
const server = createServer((request, response) => {
  let raw = "";
  request.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
  request.on("end", () => {
    if (request.url === "/slow") return void setTimeout(() => response.end("{}"), 500);
    response.writeHead(request.url === "/missing" ? 404 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify({ got: JSON.parse(raw), type: request.headers["content-type"] }));
  });
});
beforeAll(async () => {
  url = await listenOnLoopback(server);
});
afterAll(async () => closeServer(server));

describe("postJson", () => {
  it("sends JSON and returns the status and the body text", async () => {
    const answer = await postJson(`${url}/echo`, { text: "привет" }, 1000);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ got: { text: "привет" }, type: "application/json" });
    expect((await postJson(`${url}/missing`, {}, 1000)).status).toBe(404);
  });

  it("rejects when the answer does not come in time, or nobody listens", async () => {
    await expect(postJson(`${url}/slow`, {}, 50)).rejects.toThrow(/within 50 ms/);
    await expect(postJson(`http://127.0.0.1:${await freePort()}/`, {}, 1000)).rejects.toThrow(/ECONNREFUSED/);
  });
});
