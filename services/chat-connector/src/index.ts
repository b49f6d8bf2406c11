// Runs the chat-connector as its own process.
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "chat-connector", loadConfig, start: startService }, process.env);
