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
  // How long an idle lane waits before starting, so items that raced each other can be sorted first.
  holdMs?: number;
}

export function createLanes<T>(options: LaneOptions<T>): Lanes<T> {
  interface Lane {
    items: T[];
    // Once the first item runs, nothing may be sorted in front of it.
    started: boolean;
  }
  const queues = new Map<string, Lane>();
  const running = new Set<Promise<void>>();
  const controller = new AbortController();
  let queued = 0;

  function insert(lane: Lane, item: T): void {
    const first = lane.started ? 1 : 0;
    let index = lane.items.length;
    while (options.compare && index > first && options.compare(item, lane.items[index - 1] ?? item) < 0) index -= 1;
    lane.items.splice(index, 0, item);
  }

  async function drain(key: string, lane: Lane): Promise<void> {
    if (options.holdMs) await new Promise((resolve) => setTimeout(resolve, options.holdMs));
    lane.started = true;
    const queue = lane.items;
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
      const lane = queues.get(key);
      if (lane) return insert(lane, item);
      const fresh: Lane = { items: [item], started: false };
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
