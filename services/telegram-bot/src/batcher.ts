// Coalesces concurrent single-item writes into multi-row statements: one commit for many webhook requests.
export type BatchFlush<T, R> = (items: T[]) => Promise<R[]>;

export interface Batcher<T, R> {
  add(item: T): Promise<R>;
  /** Resolves once every statement being written now has finished and its callers have resumed. */
  settled(): Promise<void>;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  maxBatch?: number;
  maxInFlight?: number;
  // An error that belongs to one item (bad data) rather than to the statement: the batch is then tried item by
  // item, so only the faulty item's caller sees it.
  isItemError?: (error: unknown) => boolean;
}

export function createBatcher<T, R>(flush: BatchFlush<T, R>, options: BatcherOptions = {}): Batcher<T, R> {
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  let queue: Pending<T, R>[] = [];
  let inFlight = 0;
  const writing = new Set<Promise<void>>();

  async function run(batch: Pending<T, R>[]): Promise<void> {
    inFlight += 1;
    try {
      const results = await flush(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => {
        const result = results[index];
        if (result === undefined) entry.reject(new Error("batch flush returned too few results"));
        else entry.resolve(result);
      });
    } catch (error) {
      if (batch.length > 1 && options.isItemError?.(error)) await Promise.all(batch.map((entry) => alone(entry)));
      else for (const entry of batch) entry.reject(error);
    } finally {
      inFlight -= 1;
      schedule();
    }
  }

  async function alone(entry: Pending<T, R>): Promise<void> {
    try {
      const [result] = await flush([entry.item]);
      if (result === undefined) entry.reject(new Error("batch flush returned too few results"));
      else entry.resolve(result);
    } catch (error) {
      entry.reject(error);
    }
  }

  function schedule(): void {
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      const written = run(batch);
      writing.add(written);
      void written.finally(() => writing.delete(written));
    }
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        // Waiting one microtask lets the requests parsed in the same tick share a statement.
        if (queue.length === 1) queueMicrotask(schedule);
      });
    },
    async settled() {
      await Promise.all([...writing]);
    },
  };
}
