// `npm run chat`: talk to the bot in a terminal, through the running core or one started here.
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { replySchema, type Button, type Reply, loadServiceEnv } from "@wewall/shared";
import { z } from "zod";
import { adminTokenFile, startAll, type RunningSystem } from "./start-all.js";

const coreUrl = process.env.CORE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

async function isUp(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

const answerSchema = z.object({ replies: z.array(replySchema).optional(), message: z.string().optional() });

let system: RunningSystem | null = null;
let base = coreUrl;
// The running system's token: given, or the one `npm start` left in its data folder.
let adminToken = process.env.ADMIN_TOKEN ?? "";
if (!(await isUp(coreUrl))) {
  console.log("No core is running; starting one here (embedded database)…");
  system = await startAll({
    LOG_LEVEL: "warn",
    ...process.env,
    PORT: "0",
    CALCULATOR_PORT: "0",
    SEARCH_PORT: "0",
    SCHEDULER_PORT: "0",
  });
  base = system.coreUrl;
  adminToken = system.adminToken;
} else if (!adminToken) {
  adminToken = (
    await readFile(adminTokenFile(loadServiceEnv("chat", {}, process.env).platform.dataDir), "utf8").catch(() => "")
  ).trim();
}

const dialogId = `cli:${process.env.USER ?? "guest"}-${Date.now().toString(36)}`;
let buttons: Button[] = [];
let counter = 0;

function show(replies: Reply[]): void {
  buttons = [];
  for (const reply of replies) {
    console.log(`\n🤖 ${reply.text}`);
    for (const button of reply.buttons?.flat() ?? []) {
      buttons.push(button);
      console.log(`   [${buttons.length}] ${button.text}`);
    }
    if (reply.requestPhone) console.log("   (напишите номер телефона)");
  }
  if (replies.length === 0) console.log("\n… (бот молчит: диалог ведёт менеджер)");
}

async function send(line: string): Promise<void> {
  const pressed = /^\d+$/.test(line) ? buttons[Number(line) - 1] : undefined;
  counter += 1;
  const response = await fetch(`${base}/v1/dialogs/${dialogId}/messages?wait=true`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      messageId: String(counter),
      text: pressed?.text ?? line,
      channel: "cli",
      ...(pressed ? { button: pressed.data } : {}),
    }),
  });
  const body = answerSchema.parse(await response.json());
  if (!response.ok) console.log(`⚠️  ${body.message ?? response.status}`);
  else show(body.replies ?? []);
}

const rl = createInterface({ input: process.stdin, output: process.stdout });
console.log(`Диалог ${dialogId}. Пишите по-русски; цифра — нажать кнопку; /exit — выход.`);
rl.setPrompt("\n🙂 ");
rl.prompt();
for await (const input of rl) {
  const line = input.trim();
  if (line === "/exit") break;
  if (line) await send(line);
  rl.prompt();
}
rl.close();
await system?.close();
