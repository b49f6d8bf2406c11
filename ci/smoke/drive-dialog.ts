// A client's dialog through the Telegram webhook, turn by turn, and the checks that nothing was lost or doubled.
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { FakeAmoCrm } from "../../services/chat-connector/src/testing/fake-amocrm.js";
import type { startFakeTelegram } from "../../services/telegram-bot/src/testing/fake-telegram.js";
import { textUpdate } from "../../services/telegram-bot/src/testing/updates.js";

type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;

const CHAT = 700_001;
export const DIALOG = `telegram:${CHAT}`;
// The funnel end to end: search, parameters, confirmation (tools called), more results, contact, consent.
const SCRIPT = [
  "привет",
  "ищу двушку у Таганской до 15 млн, метров 50",
  "10 минут",
  "да",
  "покажи ещё",
  "8 (916) 123-45-67",
  "Иван",
  "да",
];

export interface DialogRecord {
  client: string[];
  bot: string[];
}

const transcriptSchema = z.object({
  entries: z.array(z.object({ author: z.enum(["client", "bot", "manager"]), text: z.string() })),
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function driveDialog(deps: {
  telegram: FakeTelegram;
  telegramUrl: string;
  webhookSecret: string;
  coreUrl: string;
  adminToken: string;
  /** After sending SCRIPT[message] (0-based), this kills the replica that took it, its turn still pending. */
  killAt: { message: number; replica: () => Promise<string> };
  step: (what: string) => void;
}): Promise<DialogRecord> {
  const transcript = async () => {
    const response = await fetch(`${deps.coreUrl}/v1/dialogs/${DIALOG}/transcript`, {
      headers: { authorization: `Bearer ${deps.adminToken}` },
    });
    return response.status === 404 ? [] : transcriptSchema.parse(await response.json()).entries;
  };
  const sent = () => deps.telegram.sentTo(CHAT).length;
  for (const [at, text] of SCRIPT.entries()) {
    const before = sent();
    const answer = await fetch(`${deps.telegramUrl}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": deps.webhookSecret },
      body: JSON.stringify(textUpdate(1000 + at, CHAT, text)),
    });
    if (answer.status !== 200) throw new Error(`webhook answered ${answer.status} to «${text}»`);
    if (at === deps.killAt.message) {
      await sleep(150);
      const killed = await deps.killAt.replica();
      deps.step(`${killed} killed (SIGKILL): it accepted «${text}», whose turn was still in its burst window`);
    }
    // The turn is over when its replies have reached Telegram and no more arrive for a moment.
    await until(async () => {
      const entries = await transcript();
      const last = entries.findLastIndex((e) => e.author === "client");
      return entries[last]?.text === text && entries.slice(last + 1).some((e) => e.author === "bot");
    }, `the bot's answer to «${text}»`);
    await until(() => sent() > before, `Telegram to receive the answer to «${text}»`);
    for (let seen = sent(); ; seen = sent()) {
      await sleep(400);
      if (sent() === seen) break;
    }
  }
  const entries = await transcript();
  return {
    client: entries.filter((e) => e.author === "client").map((e) => e.text),
    bot: entries.filter((e) => e.author === "bot").map((e) => e.text),
  };
}

export async function checkNothingLostOrDoubled(
  dialog: DialogRecord,
  deps: { telegram: FakeTelegram; amo: FakeAmoCrm; step: (what: string) => void },
): Promise<void> {
  const problems: string[] = [];
  const same = (what: string, got: readonly string[], want: readonly string[]) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      problems.push(`${what}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
    }
  };
  same("client messages in the transcript, each once and in order", dialog.client, SCRIPT);
  const telegramTexts = deps.telegram.sentTo(CHAT).flatMap((m) => (m.text === undefined ? [] : [m.text]));
  same("bot replies sent to Telegram, each once and in order", telegramTexts, dialog.bot);
  // The mirror follows the event feed: give it time to catch up, then compare.
  const mirrored = () => deps.amo.textsOf(DIALOG).map(([, text]) => text);
  const expected = [...dialog.client, ...dialog.bot].sort();
  await until(() => mirrored().length >= expected.length, "the amoCRM mirror", 30_000).catch(() => undefined);
  same("messages mirrored to amoCRM, each once", [...mirrored()].sort(), expected);
  if (problems.length > 0) throw new Error(`lost or doubled:\n${problems.join("\n")}`);
  deps.step(`amoCRM mirror holds all ${expected.length} messages once each`);
}
