// A background loop that does one batch of work at a time: at once again while batches come back full, otherwise
// after a pause; a failure is logged and retried after the pause; stop() cuts the pause short and waits for the batch.
import type { Logger } from "./logger.js";
import { sleep } from "./sleep.js";

export interface RepeatInBatchesOptions {
  /** Does one batch; resolves with how many items it handled. */
  once(): Promise<number>;
  /** A batch this full means more is waiting. */
  batch: number;
  pauseMs: number;
  logger: Logger;
  /** What failed, for the log line. */
  failure: string;
}

export interface RepeatingWork {
  once(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function repeatInBatches(options: RepeatInBatchesOptions): RepeatingWork {
  let running = false;
  let loop: Promise<void> | undefined;
  let stopping = new AbortController();
  return {
    once: options.once,
    start() {
      if (running) return;
      running = true;
      stopping = new AbortController();
      loop = (async () => {
        while (running) {
          try {
            if ((await options.once()) >= options.batch) continue;
          } catch (error) {
            if (!running) break;
            options.logger.warn({ err: error }, options.failure);
          }
          await sleep(options.pauseMs, stopping.signal);
        }
      })();
    },
    async stop() {
      running = false;
      stopping.abort();
      await loop;
    },
  };
}
