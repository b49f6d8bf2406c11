// One sequential lane per key (a chat): items of a key run in order, different keys run side by side.
export interface Lanes<T> {
  push(key: string, item: T): void;
  // Resolves when every lane has run dry (tests and shutdown use it).
  idle(): Promise<void>;
  // Stops taking items; a running item sees the abort signal and returns, leaving the rest stored.
  stop(): Promise<void>;
  readonly size: number;
}

export interface LaneOptions<T> {
  run: (key: string, item: T, signal: AbortSignal) => Promise<void>;
  onError: (error: unknown, key: string, item: T) => void;
  // Keeps a lane sorted when items of one key arrive out of order (concurrent webhook requests).
  compare?: (a: T, b: T) => number;
}

export function createLanes<T>(options: LaneOptions<T>): Lanes<T> {
  const queues = new Map<string, T[]>();
  const running = new Set<Promise<void>>();
  const controller = new AbortController();
  let queued = 0;

  function insert(queue: T[], item: T): void {
    let index = queue.length;
    // Index 0 is running already; nothing may overtake it.
    while (options.compare && index > 1 && options.compare(item, queue[index - 1] ?? item) < 0) index -= 1;
    queue.splice(index, 0, item);
  }

  async function drain(key: string, queue: T[]): Promise<void> {
    while (queue.length > 0 && !controller.signal.aborted) {
      const item = queue[0];
      if (item === undefined) break;
      try {
        await options.run(key, item, controller.signal);
      } catch (error) {
        options.onError(error, key, item);
      }
      queue.shift();
      queued -= 1;
    }
    queues.delete(key);
  }

  return {
    push(key, item) {
      if (controller.signal.aborted) return;
      queued += 1;
      const queue = queues.get(key);
      if (queue) return insert(queue, item);
      const fresh = [item];
      queues.set(key, fresh);
      const task = drain(key, fresh).finally(() => running.delete(task));
      running.add(task);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
    async stop() {
      controller.abort();
      while (running.size > 0) await Promise.all(running);
    },
    get size() {
      return queued;
    },
  };
}
