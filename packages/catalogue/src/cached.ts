// A value loaded from the catalogue and refreshed after a while, so a later re-import is picked up without a restart.
export interface Cached<T> {
  get(): Promise<T>;
  invalidate(): void;
}

export function cached<T>(
  load: () => Promise<T>,
  ttlMs: number,
  isEmpty: (value: T) => boolean = () => false,
): Cached<T> {
  let value: Promise<T> | null = null;
  let loadedAt = 0;
  return {
    async get() {
      if (!value || Date.now() - loadedAt > ttlMs) {
        loadedAt = Date.now();
        value = load();
        value.catch(() => {
          value = null;
        });
      }
      const current = await value;
      // an empty catalogue is probably still being imported: ask again next time
      if (isEmpty(current)) value = null;
      return current;
    },
    invalidate() {
      value = null;
    },
  };
}
