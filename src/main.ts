// `npm start`: the whole system in one process, on the embedded database unless DATABASE_URL is set.
import closeWithGrace from "close-with-grace";
import { adminTokenFile, startAll } from "./start-all.js";

const system = await startAll(process.env);
const { dataDir, shutdownTimeoutMs } = system;
console.log(`WeWall core on ${system.coreUrl} (API docs: ${system.coreUrl}/docs). Talk to the bot: npm run chat`);
if (!process.env.ADMIN_TOKEN) {
  console.log(`Admin token (in ${adminTokenFile(dataDir)}): curl -H "Authorization: Bearer ${system.adminToken}" …`);
}

closeWithGrace({ delay: shutdownTimeoutMs }, async ({ err }) => {
  if (err) console.error(err);
  await system.close();
});
