// CPU a turn costs where it is spent: the service's main thread (all of the core's JavaScript runs there) and the
// PostgreSQL backends serving its database, read from /proc (Linux) so other processes on the machine do not count.
import { readFileSync } from "node:fs";
import type pg from "pg";

const TICK_MS = 10;

function ticksOf(path: string): number {
  try {
    const stat = readFileSync(path, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

async function backendTicks(pool: pg.Pool): Promise<Map<number, number>> {
  const backends = await pool.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
  );
  return new Map(backends.rows.map((row) => [row.pid, ticksOf(`/proc/${row.pid}/stat`)]));
}

export interface CpuSpent {
  mainThreadMs: number;
  databaseMs: number;
}

/** Starts counting; the returned function gives the CPU spent since, in milliseconds. */
export async function startCpuMeter(pool: pg.Pool): Promise<() => Promise<CpuSpent>> {
  const main = `/proc/self/task/${String(process.pid)}/stat`;
  const mainAt = ticksOf(main);
  const databaseAt = await backendTicks(pool);
  return async () => {
    const mainThreadMs = (ticksOf(main) - mainAt) * TICK_MS;
    let databaseTicks = 0;
    // A backend the pool opened meanwhile counts from zero.
    for (const [pid, ticks] of await backendTicks(pool)) databaseTicks += ticks - (databaseAt.get(pid) ?? 0);
    return { mainThreadMs, databaseMs: databaseTicks * TICK_MS };
  };
}
