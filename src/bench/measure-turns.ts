// Drives dialogs concurrently through an HTTP endpoint and measures turns per second and latency percentiles.
export interface TurnFigures {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
}

/** The same ten client messages a real buyer would send, repeated; "/start" opens each round. */
export const BUYER_SCRIPT = [
  "/start",
  "хочу купить квартиру",
  "двушку",
  "55 метров",
  "до 20 млн",
  "у Курской",
  "10 минут",
  "да",
  "+7 916 123-45-67",
  "Иван",
];

export async function measureTurns(options: {
  url: (dialogId: string) => string;
  dialogs: string[];
  turnsPerDialog: number;
  offset?: number;
}): Promise<TurnFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    options.dialogs.map(async (dialogId) => {
      for (let i = 0; i < options.turnsPerDialog; i += 1) {
        const n = (options.offset ?? 0) + i;
        const text = BUYER_SCRIPT[n % BUYER_SCRIPT.length] ?? "";
        const sent = performance.now();
        const response = await fetch(options.url(dialogId), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ messageId: `b${n}`, text }),
        });
        if (response.status !== 200) throw new Error(`turn answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { turns: latencies.length, seconds, turnsPerSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

export const formatFigures = (f: TurnFigures) =>
  `${f.turns} turns in ${f.seconds.toFixed(2)} s: ${f.turnsPerSecond.toFixed(0)} turns/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`;
