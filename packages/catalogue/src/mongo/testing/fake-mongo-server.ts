// A MongoDB server in small on loopback, speaking the wire protocol the official driver uses (OP_QUERY for the
// first handshake, OP_MSG after): hello, find, getMore, killCursors over in-memory collections. Records commands.
import { createServer, type Socket } from "node:net";
import { deserialize, Long, serialize, type Document } from "bson";
import { portOf } from "@wewall/test-support";

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

export interface FakeMongo {
  url: string;
  /** Command names in the order they arrived (hello, find, getMore, …). */
  commands: string[];
  close(): Promise<void>;
}

export async function startFakeMongo(database: string, collections: Record<string, Document[]>): Promise<FakeMongo> {
  const commands: string[] = [];
  const cursors = new Map<bigint, { ns: string; rest: Document[] }>();
  let nextCursor = 1n;
  let nextReply = 1;
  let connections = 0;

  function run(command: Document): Document {
    const name = Object.keys(command)[0] ?? "";
    commands.push(name);
    switch (name.toLowerCase()) {
      case "hello":
      case "ismaster":
        return {
          ismaster: true,
          helloOk: true,
          isWritablePrimary: true,
          maxBsonObjectSize: 16 * 1024 * 1024,
          maxMessageSizeBytes: 48_000_000,
          maxWriteBatchSize: 100_000,
          localTime: new Date(),
          minWireVersion: 0,
          maxWireVersion: 21,
          connectionId: ++connections,
          ok: 1,
        };
      case "find": {
        const ns = `${database}.${String(command.find)}`;
        const docs = collections[String(command.find)] ?? [];
        return { cursor: batch(ns, docs, Number(command.batchSize ?? 101), "firstBatch"), ok: 1 };
      }
      case "getmore": {
        const id = BigInt(String(command.getMore));
        const open = cursors.get(id);
        cursors.delete(id);
        if (!open) return { ok: 0, errmsg: `cursor id ${id} not found`, code: 43, codeName: "CursorNotFound" };
        return { cursor: batch(open.ns, open.rest, Number(command.batchSize ?? 101), "nextBatch"), ok: 1 };
      }
      case "killcursors": {
        const ids: unknown[] = Array.isArray(command.cursors) ? command.cursors : [];
        for (const id of ids) cursors.delete(BigInt(String(id)));
        return { cursorsKilled: ids, cursorsNotFound: [], cursorsAlive: [], cursorsUnknown: [], ok: 1 };
      }
      case "ping":
      case "endsessions":
        return { ok: 1 };
      default:
        return { ok: 0, errmsg: `no such command: '${name}'`, code: 59, codeName: "CommandNotFound" };
    }
  }

  function batch(ns: string, docs: Document[], size: number, key: "firstBatch" | "nextBatch"): Document {
    const take = size > 0 ? size : 101;
    const rest = docs.slice(take);
    let id = 0n;
    if (rest.length > 0) {
      id = nextCursor++;
      cursors.set(id, { ns, rest });
    }
    return { id: Long.fromBigInt(id), ns, [key]: docs.slice(0, take) };
  }

  function frame(responseTo: number, opCode: number, body: Buffer): Buffer {
    const header = Buffer.alloc(16);
    header.writeInt32LE(16 + body.length, 0);
    header.writeInt32LE(nextReply++, 4);
    header.writeInt32LE(responseTo, 8);
    header.writeInt32LE(opCode, 12);
    return Buffer.concat([header, body]);
  }

  function answer(message: Buffer): Buffer {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    if (opCode === OP_QUERY) {
      // flags, full collection name (cstring), skip, return, then the command document.
      const nameEnd = message.indexOf(0, 20);
      const reply = serialize(run(deserialize(message.subarray(nameEnd + 9), { promoteLongs: false })));
      const head = Buffer.alloc(20);
      head.writeInt32LE(8, 0); // AwaitCapable
      head.writeInt32LE(1, 16); // one document returned
      return frame(requestId, OP_REPLY, Buffer.concat([head, reply]));
    }
    if (opCode !== OP_MSG) throw new Error(`fake MongoDB: opcode ${opCode} not spoken`);
    // Sections after the flags: kind 0 is the command body; kind 1 (document sequences) are not sent for reads.
    if (message.readUInt8(20) !== 0) throw new Error("fake MongoDB: expected the body section first");
    const reply = serialize(run(deserialize(message.subarray(21), { promoteLongs: false })));
    return frame(requestId, OP_MSG, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), reply]));
  }

  const sockets = new Set<Socket>();
  const server = createServer((socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        socket.write(answer(pending.subarray(0, length)));
        pending = pending.subarray(length);
      }
    });
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `mongodb://127.0.0.1:${portOf(server.address())}/${database}?directConnection=true`,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
