// Prometheus metrics (prom-client): one registry per service, so services mounted in one process keep their own.
import client from "prom-client";

export type Metrics = ReturnType<typeof createMetrics>;

interface SeriesOptions<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export function createMetrics(service: string) {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });

  // Get-or-create, so a module asks for its series by name without a shared list of declarations.
  const existing = (name: string) => registry.getSingleMetric(name);

  return {
    registry,
    counter<L extends string = never>(options: SeriesOptions<L>): client.Counter<L> {
      const found = existing(options.name);
      if (found instanceof client.Counter) return found;
      return new client.Counter<L>({ ...options, labelNames: options.labelNames ?? [], registers: [registry] });
    },
    gauge<L extends string = never>(
      options: SeriesOptions<L> & { collect?: (this: client.Gauge<L>) => void | Promise<void> },
    ): client.Gauge<L> {
      const found = existing(options.name);
      if (found instanceof client.Gauge) return found;
      return new client.Gauge<L>({ ...options, labelNames: options.labelNames ?? [], registers: [registry] });
    },
    histogram<L extends string = never>(options: SeriesOptions<L> & { buckets?: number[] }): client.Histogram<L> {
      const found = existing(options.name);
      if (found instanceof client.Histogram) return found;
      return new client.Histogram<L>({
        ...options,
        labelNames: options.labelNames ?? [],
        buckets: options.buckets ?? LATENCY_BUCKETS,
        registers: [registry],
      });
    },
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** Seconds: 1 ms to 10 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
