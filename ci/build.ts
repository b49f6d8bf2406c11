// `npm run build`: every service bundled to dist/<name>.js, the JavaScript production runs (never tsx).
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { bundleServices } from "./bundle-services.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const started = Date.now();
await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });
const report = await bundleServices(root);
const names = Object.keys(report.entries).map((name) => `${name}.js`);
console.log(
  `built ${names.join(", ")} in dist/ (${Date.now() - started} ms); npm packages imported: ${report.packages.length}`,
);
