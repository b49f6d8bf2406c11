// The whole path with the real core: a client dialog mirrored, a manager takes over, the bot is silent, the lead closes, the bot resumes.
import { createLogger } from "@wewall/shared";
import {
  asAdmin,
  createTestDatabase,
  type TestDatabase,
  spawnCore,
  type SpawnedCore,
  postgresServer,
} from "@wewall/test-support";
import qs from "qs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startService, type RunningService } from "./service.js";
import { startChannelSink, type ChannelSink } from "./testing/channel-sink.js";
import { startFakeAmoCrm, type FakeAmoCrm } from "./testing/fake-amocrm.js";
import { BOT_ID, CHANNEL, LONG_LIVED, testConfig, until, webhookUrl } from "./testing/start-harness.js";

const DIALOG = "telegram:555";
let db: TestDatabase;
let sink: ChannelSink;
let core: SpawnedCore;
let amo: FakeAmoCrm;
let connector: RunningService;

beforeAll(async () => {
  db = await createTestDatabase("chatconn_e2e");
  let coreUrl = "";
  sink = await startChannelSink(() => coreUrl);
  core = await spawnCore({ databaseUrl: db.url, channelUrls: `telegram=${sink.url}` });
  coreUrl = core.url;
  amo = await startFakeAmoCrm({ ...CHANNEL, longLivedToken: LONG_LIVED });
  const config = testConfig(amo, core.url);
  connector = await startService({
    config,
    db,
    logger: createLogger("chat-connector-e2e", "silent"),
    tuning: { backoff: { baseMs: 50, maxMs: 400 }, eventWaitMs: 1000 },
  });
}, 120_000);

afterAll(async () => {
  await connector?.close();
  await core?.stop();
  await amo?.close();
  await sink?.close();
  await db?.close();
});

async function clientSays(messageId: string, text: string) {
  const response = await fetch(`${core.url}/v1/dialogs/${DIALOG}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...asAdmin },
    body: JSON.stringify({ messageId, text, channel: "telegram", user: { id: "555", name: "Пётр" } }),
  });
  expect(response.status).toBe(202);
}

const owner = async () =>
  z
    .object({ owner: z.string() })
    .parse(await (await fetch(`${core.url}/v1/dialogs/${DIALOG}`, { headers: asAdmin })).json()).owner;
const botDeliveries = () => sink.deliveries.filter((d) => d.author === "bot");
const amoTexts = () => amo.textsOf(DIALOG).map(([, text]) => text);

// The core runs as its own process on this test's database: that takes a server, not the embedded one.
describe.skipIf(!postgresServer)("end to end with the real core", () => {
  it("mirrors a client's dialog into amoCRM: the client's words incoming, the bot's replies silent from the bot", async () => {
    await clientSays("t1", "Здравствуйте");
    await until(() => botDeliveries().length >= 1, "the bot answers the client", 30_000);
    const botText = botDeliveries()[0]?.reply.text ?? "";
    await until(() => amoTexts().includes(botText), "the bot's reply mirrored", 30_000);
    const messages = amo.messagesOf(DIALOG);
    expect(messages[0]).toMatchObject({ silent: false, message: { text: "Здравствуйте" } });
    expect(messages.find((m) => m.sender && JSON.stringify(m.sender).includes(BOT_ID))).toMatchObject({ silent: true });
    await until(() => amo.state.chatLinks.length === 1 && amo.state.leads.size === 1, "contact, lead and chat link");
  });

  it("turns a manager's reply into a takeover: the client receives it and the bot stays silent", async () => {
    const body = {
      account_id: "af9945ff-1490-4cad-807d-945c15d88bec",
      time: Math.floor(Date.now() / 1000),
      message: {
        sender: { id: "manager-1", name: "Анна" },
        receiver: { id: "client-1", client_id: "555" },
        conversation: { id: amo.state.chats.get(DIALOG) ?? "", client_id: DIALOG },
        timestamp: Math.floor(Date.now() / 1000),
        msec_timestamp: Date.now(),
        message: { id: "amo-msg-77", type: "text", text: "Пётр, добрый день! Я Анна, помогу с подбором." },
      },
    };
    const { raw, signature } = amo.signWebhook(body);
    const answer = await fetch(`${webhookUrl(connector)}/amocrm/chats/${amo.scopeId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-signature": signature },
      body: raw,
    });
    expect(answer.status).toBe(200);
    await until(
      () => sink.deliveries.some((d) => d.author === "manager" && d.reply.text.startsWith("Пётр, добрый день")),
      "client receives it",
      30_000,
    );
    expect(await owner()).toBe("manager");
    await until(
      () => amo.state.deliveryStatuses.some((s) => s.msgid === "amo-msg-77" && s.delivery_status === 1),
      "delivered status in amoCRM",
      30_000,
    );
    await until(() => amo.state.notes.length === 1, "handoff note", 30_000);

    const botBefore = botDeliveries().length;
    await clientSays("t2", "Спасибо, жду");
    await until(() => amoTexts().includes("Спасибо, жду"), "the client's message still mirrored", 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(botDeliveries().length).toBe(botBefore);
    expect(amoTexts().filter((t) => t.startsWith("Пётр, добрый день"))).toEqual([]);
  });

  it("gives the dialog back to the bot when the lead is closed, and the bot answers again", async () => {
    const leadId = [...amo.state.leads.values()][0]?.id;
    const form = qs.stringify({
      leads: { status: [{ id: leadId, status_id: 143, pipeline_id: 77, old_status_id: 16 }] },
      account: { id: "1" },
    });
    const answer = await fetch(`${webhookUrl(connector)}/amocrm/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    });
    expect(answer.status).toBe(200);
    await until(async () => (await owner()) === "bot", "owner back to the bot", 30_000);
    const botBefore = botDeliveries().length;
    await clientSays("t3", "Хочу купить квартиру");
    await until(() => botDeliveries().length > botBefore, "the bot answers again", 30_000);
    const reply = botDeliveries().at(-1)?.reply.text ?? "";
    await until(() => amoTexts().includes(reply), "and it is mirrored", 30_000);
  });
});
