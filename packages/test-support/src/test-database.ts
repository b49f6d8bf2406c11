// A fresh database per test file, dropped afterwards, so parallel runs never collide: on the PostgreSQL server when one
// answers, else on embedded PGlite in a temporary folder (served through its socket, as `npm start` does).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "@wewall/shared";
import { postgresServer } from "./test-servers.js";

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase extends Database {
  url: string;
  name: string;
}

export async function createTestDatabase(prefix = "wewall_test"): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (!postgresServer) return createEmbeddedDatabase(name);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on("error", () => undefined);
  return {
    pool,
    url,
    name,
    embedded: false,
    async close() {
      await pool.end();
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

async function createEmbeddedDatabase(name: string): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), `${name}-`));
  const db = await openDatabase({ dataDir });
  return {
    ...db,
    // pg reads a host that is a folder as the folder of the server's Unix socket.
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}`,
    name,
    async close() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
