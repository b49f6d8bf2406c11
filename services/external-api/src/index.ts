// Runs the partner API as its own process.
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "external-api", loadConfig, start: startService }, process.env);
