// Bounded memo for pure word-level functions: clients reuse a small vocabulary, garbage must not grow memory.

export function memoize<T>(fn: (word: string) => T, limit = 50_000): (word: string) => T {
  const cache = new Map<string, { value: T }>();
  return (word) => {
    const hit = cache.get(word);
    if (hit) return hit.value;
    if (cache.size >= limit) cache.clear();
    const value = fn(word);
    cache.set(word, { value });
    return value;
  };
}
