// A loopback TCP proxy that can stop forwarding, as a frozen database server (SIGSTOP) or a stalled network looks.
import { connect, createServer, type Socket } from "node:net";
import { portOf } from "./listen-on-loopback.js";

export interface PausableTcpProxy {
  port: number;
  /** Stops forwarding: bytes wait in the sockets, new connections are accepted but get no answer. */
  pause(): void;
  /** Forwards again, what waited included. */
  resume(): void;
  close(): Promise<void>;
}

export async function startPausableTcpProxy(target: { host: string; port: number }): Promise<PausableTcpProxy> {
  let paused = false;
  const sockets = new Set<Socket>();
  const waiting: Socket[] = [];

  function track(socket: Socket): void {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (paused) socket.pause();
  }

  function forward(client: Socket): void {
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }

  const server = createServer((client) => {
    track(client);
    if (paused) waiting.push(client);
    else forward(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: portOf(server.address()),
    pause() {
      paused = true;
      for (const socket of sockets) socket.pause();
    },
    resume() {
      paused = false;
      for (const socket of sockets) socket.resume();
      for (const client of waiting.splice(0)) if (!client.destroyed) forward(client);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
