// A Map with a size limit for in-process caches and memories: past the limit the oldest entry goes, so memory
// stays bounded without the cliff of clearing everything at once.

/** A Map of at most `limit` entries; setting a key makes it the newest, and a new key past the limit evicts the oldest. */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly limit: number;

  constructor(limit: number) {
    super();
    if (!(limit >= 1)) throw new RangeError(`BoundedMap limit must be at least 1, got ${limit}`);
    this.limit = limit;
  }

  override set(key: K, value: V): this {
    // Deleting first moves an existing key to the end of the insertion order: the newest entry.
    if (!super.delete(key) && this.size >= this.limit) {
      const oldest = this.keys().next();
      if (!oldest.done) super.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
