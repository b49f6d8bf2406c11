// Similarity-weighted estimate from adjusted analog prices: a trimmed weighted mean around the weighted median.
export interface WeightedValue {
  value: number;
  distance: number;
}

export interface Combined {
  value: number;
  low: number;
  high: number;
  // normalised weights, in input order; 0 for analogs trimmed as outliers
  weights: number[];
}

// exp(-Δd / TAU): an analog one "unit" less similar counts e² ≈ 7 times less
const TAU = 0.5;
// analogs further than this from the weighted median are treated as outliers of the sample
const TRIM = 0.15;

export function combineEstimates(values: readonly WeightedValue[]): Combined {
  if (values.length === 0) throw new Error("no values to combine");
  const best = Math.min(...values.map((v) => v.distance));
  const raw = values.map((v) => Math.exp(-(v.distance - best) / TAU));
  const median = weightedQuantile(
    values.map((v, i) => ({ value: v.value, weight: raw[i] ?? 0 })),
    0.5,
  );
  const kept = raw.map((w, i) => (Math.abs((values[i]?.value ?? median) / median - 1) <= TRIM ? w : 0));
  const keptTotal = kept.reduce((a, b) => a + b, 0);
  const weights = keptTotal > 0 ? kept.map((w) => w / keptTotal) : raw.map((w) => w / raw.reduce((a, b) => a + b, 0));
  const value = values.reduce((sum, v, i) => sum + v.value * (weights[i] ?? 0), 0);
  // the range reflects the whole sample's spread, outliers included, at 10 %/90 % weighted quantiles
  const all = values.map((v, i) => ({ value: v.value, weight: raw[i] ?? 0 }));
  return {
    value,
    low: Math.min(value, weightedQuantile(all, 0.1)),
    high: Math.max(value, weightedQuantile(all, 0.9)),
    weights,
  };
}

export function weightedQuantile(items: readonly { value: number; weight: number }[], q: number): number {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, item) => sum + item.weight, 0);
  let acc = 0;
  for (const item of sorted) {
    acc += item.weight;
    if (acc >= total * q) return item.value;
  }
  return sorted[sorted.length - 1]?.value ?? Number.NaN;
}
