// `npm run cli -- <command>`: the operator's command line (numbers, slots, import, partners).
import { runNumbers, runSlots } from "@wewall/ru-numbers";
import { importCommand } from "@wewall/catalogue";
import { partnersCommand } from "@wewall/external-api/partners-command";

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  numbers: (args) => runNumbers(args),
  slots: (args) => runSlots(args),
  import: (args) => importCommand(args, process.env),
  partners: (args) => partnersCommand(args, process.env),
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(`usage: npm run cli -- <${Object.keys(commands).join("|")}> [options]`);
  process.exitCode = 2;
} else {
  process.exitCode = await command(args);
}
