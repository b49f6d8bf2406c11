// Runs analog search as its own process.
import { prepareCatalogue } from "@wewall/catalogue";
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "analog-search", loadConfig, prepare: prepareCatalogue, start: startService }, process.env);
