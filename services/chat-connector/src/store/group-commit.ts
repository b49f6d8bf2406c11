// Concurrent writes gathered into one statement: one round trip and one WAL flush for everything that arrived meanwhile.
export interface GroupCommitOptions {
  // Statements running at once; further writes wait and go together in the next one.
  maxInFlight?: number;
  maxBatch?: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

// `write` stores the items in one statement and answers one result per item, in order. A write that arrives while
// nothing is in flight goes out at once (no timer), so a lone webhook waits for nobody.
export function createGroupCommit<T, R>(
  write: (items: T[]) => Promise<R[]>,
  options: GroupCommitOptions = {},
): (item: T) => Promise<R> {
  const maxInFlight = options.maxInFlight ?? 1;
  const maxBatch = options.maxBatch ?? 100;
  const waiting: Array<Waiting<T, R>> = [];
  let inFlight = 0;

  async function run(batch: Array<Waiting<T, R>>): Promise<void> {
    try {
      const results = await write(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        const result = results[i];
        if (result === undefined) w.reject(new Error(`group commit: no result for item ${i}`));
        else w.resolve(result);
      });
    } catch (error) {
      // The statement rolled back as a whole: one bad item must not fail the others, so each is tried alone.
      if (batch.length === 1) batch[0]?.reject(error);
      else await Promise.all(batch.map((w) => run([w])));
    }
  }

  function flush(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      inFlight++;
      void run(waiting.splice(0, maxBatch)).finally(() => {
        inFlight--;
        flush();
      });
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      flush();
    });
}
