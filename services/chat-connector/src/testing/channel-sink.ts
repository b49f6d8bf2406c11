// A tiny client channel on loopback: takes the core's deliveries, acknowledges them and reports them delivered.
import { asAdmin, portOf } from "@wewall/test-support";
import { createServer } from "node:http";
import { deliverySchema, type Delivery } from "@wewall/shared";

export type ChannelSink = Awaited<ReturnType<typeof startChannelSink>>;

export async function startChannelSink(coreUrl: () => string) {
  const deliveries: Delivery[] = [];
  let sent = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const parsed = deliverySchema.safeParse(JSON.parse(Buffer.concat(chunks).toString("utf8") || "null"));
      if (!parsed.success) {
        res.writeHead(400).end();
        return;
      }
      const delivery = parsed.data;
      if (!deliveries.some((d) => d.deliveryId === delivery.deliveryId)) deliveries.push(delivery);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      // As a real channel connector does: say what became of the message once the messenger took it.
      const channelMessageId = String(++sent);
      void fetch(`${coreUrl()}/v1/deliveries/${encodeURIComponent(delivery.deliveryId)}/status`, {
        method: "POST",
        headers: { "content-type": "application/json", ...asAdmin },
        body: JSON.stringify({ status: "delivered", channelMessageId }),
      }).catch(() => undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${portOf(server.address())}/v1/deliveries`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
