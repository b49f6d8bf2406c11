// `npm start`: the whole system in one process, on the embedded database unless DATABASE_URL is set.
import { startAll } from "./start-all.js";

const system = await startAll(process.env);
console.log(`WeWall core on ${system.coreUrl} (API docs: ${system.coreUrl}/docs). Talk to the bot: npm run chat`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void system.close().finally(() => process.exit(0)));
}
