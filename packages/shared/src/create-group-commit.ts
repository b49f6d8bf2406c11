// Group commit: concurrent single-item writes gathered into one statement, so one round trip and one WAL flush
// serve every webhook that arrived meanwhile.
export interface GroupCommitOptions {
  /** Statements running at once; further items wait and go together in the next one. */
  maxInFlight?: number;
  maxBatch?: number;
  /**
   * An error that belongs to one item (bad data) rather than to the statement: the batch is then tried item by item,
   * so only the faulty item's caller sees it. Without it every caller of a failed statement gets its error.
   */
  isItemError?: (error: unknown) => boolean;
}

export interface GroupCommit<T, R> {
  /** Resolves with the item's result once the statement that wrote it has finished. */
  add(item: T): Promise<R>;
  /** Resolves once every statement being written now has finished and its callers have resumed. */
  settled(): Promise<void>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

// `write` stores the items in one statement and answers one result per item, in order. The first item waits one
// microtask before it goes, so items parsed in the same tick share a statement; a lone item waits for nobody else.
export function createGroupCommit<T, R>(
  write: (items: T[]) => Promise<R[]>,
  options: GroupCommitOptions = {},
): GroupCommit<T, R> {
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  let waiting: Array<Waiting<T, R>> = [];
  let inFlight = 0;
  const writing = new Set<Promise<void>>();

  async function run(batch: Array<Waiting<T, R>>): Promise<void> {
    try {
      answer(batch, await write(batch.map((entry) => entry.item)));
    } catch (error) {
      if (batch.length > 1 && options.isItemError?.(error)) await Promise.all(batch.map((entry) => run([entry])));
      else for (const entry of batch) entry.reject(error);
    }
  }

  function schedule(): void {
    while (waiting.length > 0 && inFlight < maxInFlight) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      inFlight += 1;
      const written = run(batch).finally(() => {
        inFlight -= 1;
        writing.delete(written);
        schedule();
      });
      writing.add(written);
    }
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length === 1) queueMicrotask(schedule);
      });
    },
    async settled() {
      await Promise.all([...writing]);
    },
  };
}

function answer<T, R>(batch: Array<Waiting<T, R>>, results: R[]): void {
  batch.forEach((entry, index) => {
    const result = results[index];
    if (result === undefined) entry.reject(new Error(`group commit: no result for item ${index}`));
    else entry.resolve(result);
  });
}
