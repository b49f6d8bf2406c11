// One sequential lane per key (a chat): items of a key run in order, different keys run side by side.
export interface Lanes<T> {
  push(key: string, item: T): void;
  // Forgets the key's items the predicate picks; a running one sees its abort signal (its rows were erased).
  drop(key: string, picks: (item: T) => boolean): void;
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
  // What an idle lane waits for before starting, so items that raced each other can be sorted first.
  hold?: () => Promise<void>;
  // How many lanes may run an item at once; the others wait with their items queued (cheap) rather than half-done
  // (a grammY context, promises and a request queued in the HTTP pool for each).
  concurrency?: number;
}

export function createLanes<T>(options: LaneOptions<T>): Lanes<T> {
  interface Lane {
    items: T[];
    // Once the first item runs, nothing may be sorted in front of it.
    started: boolean;
    running?: AbortController;
  }
  const queues = new Map<string, Lane>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  let queued = 0;

  function insert(lane: Lane, item: T): void {
    const first = lane.started ? 1 : 0;
    let index = lane.items.length;
    while (options.compare && index > first && options.compare(item, lane.items[index - 1] ?? item) < 0) index -= 1;
    lane.items.splice(index, 0, item);
  }

  const concurrency = options.concurrency ?? Infinity;
  let active = 0;
  const waiting: (() => void)[] = [];

  async function drain(key: string, lane: Lane): Promise<void> {
    if (options.hold) await options.hold();
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    lane.started = true;
    const queue = lane.items;
    while (queue.length > 0 && !stopped) {
      const item = queue[0];
      if (item === undefined) break;
      lane.running = new AbortController();
      try {
        await options.run(key, item, lane.running.signal);
      } catch (error) {
        options.onError(error, key, item);
      }
      queue.shift();
      queued -= 1;
    }
    queues.delete(key);
    active -= 1;
    waiting.shift()?.();
  }

  return {
    push(key, item) {
      if (stopped) return;
      queued += 1;
      const lane = queues.get(key);
      if (lane) return insert(lane, item);
      const fresh: Lane = { items: [item], started: false };
      queues.set(key, fresh);
      const task = drain(key, fresh).finally(() => running.delete(task));
      running.add(task);
    },
    drop(key, picks) {
      const lane = queues.get(key);
      if (!lane) return;
      // The running item stays at the head until it returns: drain() removes it then.
      const [head] = lane.items;
      if (lane.started && head !== undefined && picks(head)) lane.running?.abort();
      const first = lane.started ? 1 : 0;
      const kept = lane.items.filter((item, index) => index < first || !picks(item));
      queued -= lane.items.length - kept.length;
      lane.items.splice(0, lane.items.length, ...kept);
    },
    async idle() {
      while (running.size > 0) await Promise.all(running);
    },
    async stop() {
      stopped = true;
      for (const lane of queues.values()) lane.running?.abort();
      for (const wake of waiting.splice(0)) wake();
      while (running.size > 0) await Promise.all(running);
    },
    get size() {
      return queued;
    },
  };
}
