// Opens the system of record: PostgreSQL when a URL is given, else PGlite in a folder behind one pooled connection.
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import pg from "pg";

export interface Database {
  pool: pg.Pool;
  embedded: boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  maxConnections?: number;
  /** How long a new connection may take (DB_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** How long one statement may run, on the server and as the client waits for it (DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
}

export const DEFAULT_DB_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_DB_STATEMENT_TIMEOUT_MS = 10_000;
// The client waits a little longer than the server's own timeout, so a live server's cancellation normally comes
// first; the client's timer is what ends a query when the server is frozen or the network stalls.
const CLIENT_MARGIN_MS = 1_000;

// int8 and numeric arrive as strings by default; our counters and prices fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const statementMs = options.statementTimeoutMs ?? DEFAULT_DB_STATEMENT_TIMEOUT_MS;
    // Without these a frozen server or a stalled network hangs every request for as long as it lasts.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_DB_CONNECT_TIMEOUT_MS,
      statement_timeout: statementMs,
      query_timeout: statementMs + CLIENT_MARGIN_MS,
      keepAlive: true,
    });
    // An idle connection the server drops must not crash the process; the next query reconnects.
    pool.on("error", () => undefined);
    return { pool, embedded: false, close: () => pool.end() };
  }
  return openEmbedded(options.dataDir);
}

// PGlite is single-connection: it is served over a Unix socket to exactly one pg connection,
// so every query, the checkpointer's included, goes through the same driver as on a real server.
async function openEmbedded(folder: string): Promise<Database> {
  // pg takes a host as a socket folder only when it is an absolute path ("./data" would be looked up as a host name).
  const dataDir = resolve(folder);
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(join(dataDir, "pglite"));
  const port = 5432;
  const socketPath = join(dataDir, `.s.PGSQL.${port}`);
  await rm(socketPath, { force: true });
  // pg's pool closes a connection after any failed query and opens a new one, but PGlite has one session that
  // outlives its connections: each new connection first rolls back whatever the last one left open and forgets its
  // prepared statements (the driver would prepare them again and collide). The closing connection and its
  // replacement overlap for a moment, hence room for two.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
  await server.start();
  const pool = new pg.Pool({
    host: dataDir,
    port,
    user: "postgres",
    database: "postgres",
    max: 1,
    onConnect: async (client: pg.ClientBase) => {
      await client.query("ROLLBACK");
      await client.query("DISCARD ALL");
    },
  });
  pool.on("error", () => undefined);
  return {
    pool,
    embedded: true,
    async close() {
      await pool.end();
      await server.stop();
      await db.close();
    },
  };
}

/**
 * Readiness as far as the database goes: it answers a query within `timeoutMs`. A probe has its own short bound (the
 * pool's connection and statement timeouts are longer), so an orchestrator hears "not ready" within a second.
 */
export async function databaseReadiness(
  pool: pg.Pool,
  timeoutMs = 800,
): Promise<{ ready: boolean; details?: Record<string, unknown> }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const answered = pool.query("SELECT 1").then(
    () => true,
    () => false,
  );
  try {
    const ready = await Promise.race([answered, timedOut]);
    return ready ? { ready } : { ready, details: { database: "unreachable" } };
  } finally {
    clearTimeout(timer);
  }
}
