// Runs the telegram-bot as its own process.
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "telegram-bot", loadConfig, start: startService }, process.env);
