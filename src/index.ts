// Runs the core as its own process.
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "core", loadConfig, start: startService }, process.env);
