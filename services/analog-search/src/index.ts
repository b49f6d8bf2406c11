// Runs analog search on its own.
import { serveAlone } from "@wewall/catalogue";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await serveAlone("analog-search", loadConfig(process.env), startService);
