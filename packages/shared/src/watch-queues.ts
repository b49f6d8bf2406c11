// Queue depth and the age of the oldest waiting item, read from the database when /metrics is scraped.
import type pg from "pg";
import type { Metrics } from "./metrics.js";

export interface QueueWatch {
  name: string;
  table: string;
  /** The SQL condition of an item still waiting. */
  waiting: string;
  /** The column of when an item arrived. */
  since: string;
}

const depthAndAge = (queue: QueueWatch) =>
  `SELECT count(*) AS depth, extract(epoch FROM now() - min(${queue.since})) AS oldest_seconds
   FROM ${queue.table} WHERE ${queue.waiting}`;

export function watchQueues(metrics: Metrics, pool: pg.Pool, queues: QueueWatch[]): void {
  let reading: Promise<Map<string, { depth: number; oldest: number }>> | undefined;
  // Both gauges are collected in one scrape: they share one read of every queue.
  function read() {
    reading ??= (async () => {
      const figures = new Map<string, { depth: number; oldest: number }>();
      for (const queue of queues) {
        const { rows } = await pool.query<{ depth: number; oldest_seconds: number | null }>(depthAndAge(queue));
        figures.set(queue.name, { depth: Number(rows[0]?.depth ?? 0), oldest: Number(rows[0]?.oldest_seconds ?? 0) });
      }
      return figures;
    })().finally(() => setTimeout(() => (reading = undefined), 100).unref());
    return reading;
  }
  metrics.gauge({
    name: "wewall_queue_depth",
    help: "Items waiting in a queue",
    labelNames: ["queue"],
    async collect() {
      for (const [queue, figures] of await read()) this.set({ queue }, figures.depth);
    },
  });
  metrics.gauge({
    name: "wewall_queue_oldest_age_seconds",
    help: "Age of the oldest item waiting in a queue",
    labelNames: ["queue"],
    async collect() {
      for (const [queue, figures] of await read()) this.set({ queue }, figures.oldest);
    },
  });
}
