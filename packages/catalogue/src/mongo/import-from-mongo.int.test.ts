// `import --from mongodb://…` end to end: the official driver against a server speaking MongoDB's wire protocol,
// holding the five collections of an old WeWall deployment; rows land in PostgreSQL, bad documents are reported.
import { ObjectId } from "bson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@wewall/test-support";
import { importCommand } from "../import-command.js";
import { startFakeMongo, type FakeMongo } from "./testing/fake-mongo-server.js";

const ESTATES = 250; // more than the server's first batch of 101: the driver has to ask getMore twice
const id = (n: number) => new ObjectId(n.toString(16).padStart(24, "0"));
const estate = (n: number) => ({
  _id: id(1000 + n),
  deal_type: "продажа",
  estate_type: "квартира",
  price: String(10_000_000 + n * 10_000),
  square: 40 + (n % 30),
  rooms: 1 + (n % 3),
  floor: 2,
  floors: 9,
  address: `Москва, ул. Тестовая, ${n}`,
  location: { type: "Point", coordinates: [37.6, 55.75] },
  subway: { name: "Октябрьская", minutes: 5 + (n % 10), way: "пешком" },
  url: `https://www.cian.ru/sale/flat/${n}/`,
});
const COLLECTIONS = {
  subway_stations: [
    { _id: id(1), name: "Октябрьская", line: "Кольцевая", location: { type: "Point", coordinates: [37.611, 55.729] } },
    { _id: id(2), name: "Сокол", line: "Замоскворецкая", location: { type: "Point", coordinates: [37.515, 55.805] } },
  ],
  square_coeffs: [
    { _id: id(11), object: "30-50", analog: "50-65", value: 7 },
    { _id: id(12), object: "<30" }, // no analog bin: rejected
  ],
  way_to_subway_coeffs: [{ _id: id(21), object: "<5", analog: "5-10", coeff: 1.07 }],
  estates: [...Array.from({ length: ESTATES }, (_, n) => estate(n)), { ...estate(999), square: undefined }],
  messages: [
    { _id: id(31), chat_id: 123456789, from: "user", text: "Хочу двушку у метро Сокол", date: 1_686_000_000 },
    { _id: id(32), chat_id: 123456789, from: "bot", text: "Какой бюджет?", date: 1_686_000_005 },
    { _id: id(33), chat_id: 123456789, text: "" }, // empty: rejected
  ],
};

let db: TestDatabase;
let mongo: FakeMongo;
const count = async (sql: string) => (await db.pool.query<{ n: number }>(sql)).rows[0]?.n;

beforeAll(async () => {
  db = await createTestDatabase();
  mongo = await startFakeMongo("wewall_old", COLLECTIONS);
});
afterAll(async () => {
  await mongo?.close();
  await db?.close();
});

describe("import --from mongodb://", () => {
  it("reads every collection through the driver and loads the rows", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const code = await importCommand(["--from", mongo.url], { DATABASE_URL: db.url, LOG_LEVEL: "silent" });
    printed.mockRestore();
    expect(code).toBe(0);
    expect(mongo.commands).toContain("find");
    expect(mongo.commands.filter((c) => c === "getMore")).toHaveLength(2);
    expect(await count("SELECT count(*)::int AS n FROM metro_stations WHERE source = 'mongo'")).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM square_coeffs")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM way_to_subway_coeffs")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM listings WHERE source = 'mongo'")).toBe(ESTATES);
    const transcripts = await db.pool.query("SELECT author, text FROM catalogue_transcripts ORDER BY sent_at");
    expect(transcripts.rows).toEqual([
      { author: "client", text: "Хочу двушку у метро Сокол" },
      { author: "bot", text: "Какой бюджет?" },
    ]);
  });

  it("imports again without doubling anything", async () => {
    const printed = vi.spyOn(console, "log").mockImplementation(() => undefined);
    expect(await importCommand(["--from", mongo.url], { DATABASE_URL: db.url, LOG_LEVEL: "silent" })).toBe(0);
    printed.mockRestore();
    expect(await count("SELECT count(*)::int AS n FROM listings WHERE source = 'mongo'")).toBe(ESTATES);
    expect(await count("SELECT count(*)::int AS n FROM catalogue_transcripts")).toBe(2);
  });
});
