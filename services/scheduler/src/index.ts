// Runs the scheduler as its own process.
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "scheduler", loadConfig, start: startService }, process.env);
