// Runs the calculator on its own.
import { serveAlone } from "@wewall/catalogue";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await serveAlone("calculator", loadConfig(process.env), startService);
