// Usage per partner per UTC day, by kind of call, kept in PostgreSQL for billing and support.
import type pg from "pg";

export type UsageKind = "requests" | "messages" | "valuations" | "searches" | "rejected";

export function createUsageStore(pool: pg.Pool) {
  return {
    async count(partnerId: string, kind: UsageKind): Promise<void> {
      await pool.query(
        `INSERT INTO partner_usage (partner_id, day, kind, count) VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, 1)
         ON CONFLICT (partner_id, day, kind) DO UPDATE SET count = partner_usage.count + 1`,
        [partnerId, kind],
      );
    },
    async today(partnerId: string): Promise<Record<string, number>> {
      const { rows } = await pool.query<{ kind: string; count: string }>(
        `SELECT kind, count FROM partner_usage WHERE partner_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date`,
        [partnerId],
      );
      return Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]));
    },
  };
}

export type UsageStore = ReturnType<typeof createUsageStore>;
