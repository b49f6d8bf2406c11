// Bounds how many calls run at once; waiters are served first come, first served.
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export function createSemaphore(max: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
