// Bounded memo for pure word-level functions: clients reuse a small vocabulary, garbage must not grow memory.
// The subpath import keeps this package free of the platform's runtime dependencies.
import { BoundedMap } from "@wewall/shared/bounded-map";

export function memoize<T>(fn: (word: string) => T, limit = 50_000): (word: string) => T {
  const cache = new BoundedMap<string, { value: T }>(limit);
  return (word) => {
    const hit = cache.get(word);
    if (hit) return hit.value;
    const value = fn(word);
    cache.set(word, { value });
    return value;
  };
}
