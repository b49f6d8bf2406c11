// The load generators' two shapes: a closed loop over a number of connections (throughput at saturation), or an open
// loop at a steady rate (latency below saturation, as a real sender that does not wait for answers).
import { z } from "zod";

/** How a load driver sends, as the benches pass it to their worker threads. */
export const loadShapeSchema = z.union([
  z.object({ connections: z.number().int().positive() }),
  z.object({ ratePerSecond: z.number().positive() }),
]);
export type LoadShape = z.infer<typeof loadShapeSchema>;

export async function driveLoad(
  count: number,
  shape: LoadShape,
  send: (index: number) => Promise<void>,
): Promise<void> {
  if ("ratePerSecond" in shape) {
    const started = performance.now();
    const sent: Promise<void>[] = [];
    for (let index = 0; index < count; index++) {
      const wait = started + (index * 1000) / shape.ratePerSecond - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      sent.push(send(index));
    }
    await Promise.all(sent);
    return;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: shape.connections }, async () => {
      while (next < count) await send(next++);
    }),
  );
}
