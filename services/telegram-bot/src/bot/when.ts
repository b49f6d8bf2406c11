// Routes an update by a predicate compiled once. grammY's .on(), .command() and .chatType() build a Composer for
// every update they see (filters are lazy middleware): about 35 KB of garbage per update under load, and the GC
// pauses that follow. A plain middleware behind Context.has.* routes the same way.
import type { Context, MiddlewareFn, NextFunction } from "grammy";

export function when<D extends Context>(
  predicate: (ctx: Context) => ctx is D,
  handler: (ctx: D, next: NextFunction) => unknown,
): MiddlewareFn<Context> {
  // Not async: one more promise and frame per feature per update is what this file avoids.
  return (ctx, next) => (predicate(ctx) ? handler(ctx, next) : next());
}
