// Runs the calculator as its own process.
import { prepareCatalogue } from "@wewall/catalogue";
import { runService } from "@wewall/shared";
import { loadConfig } from "./config.js";
import { startService } from "./service.js";

await runService({ name: "calculator", loadConfig, prepare: prepareCatalogue, start: startService }, process.env);
