// The fake core's push of replies to a connector: one dialog's deliveries in order, each retried until acknowledged.
import { asCore } from "./test-credentials.js";
import { postJson } from "./post-json.js";

export function createDeliveryPusher(initialUrl: string | undefined) {
  const chains = new Map<string, Promise<void>>();
  const counts = { pushed: 0, pushing: 0 };
  let connectorUrl = initialUrl;
  let delayMs = 0;
  return {
    get pushed() {
      return counts.pushed;
    },
    get pushing() {
      return counts.pushing;
    },
    setConnector(url: string) {
      connectorUrl = url;
    },
    /** A core that thinks for a while before it answers. */
    setDelay(ms: number) {
      delayMs = ms;
    },
    push(dialogId: string, body: unknown): void {
      counts.pushing += 1;
      const previous = chains.get(dialogId) ?? Promise.resolve();
      const next = previous.then(async () => {
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        for (;;) {
          try {
            if (!connectorUrl) throw new Error("no connector");
            const answer = await postJson(connectorUrl, body, asCore);
            if (answer.status >= 200 && answer.status < 300) break;
          } catch {
            // The connector is restarting; try again shortly.
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        counts.pushed += 1;
        counts.pushing -= 1;
      });
      chains.set(dialogId, next);
    },
  };
}
