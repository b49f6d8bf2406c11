// `npm run cli -- <command>`: the operator's command line (numbers, slots, import).
const [command, ...args] = process.argv.slice(2);

const commands: Record<string, () => Promise<number>> = {};

const run = command ? commands[command] : undefined;
if (!run) {
  console.error(`usage: npm run cli -- <${Object.keys(commands).join("|")}> [options]`);
  process.exitCode = 2;
} else {
  process.exitCode = await run();
}
void args;
