// `npm run cli -- import [--data <dir|file>] [--from mongodb://…]`: loads the catalogue and prints what was rejected.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { createLogger, openDatabase } from "@wewall/shared";
import { catalogueFilesIn, importCatalogueFiles } from "./import-catalogue.js";
import type { FileReport } from "./load-rows.js";
import { importFromMongo } from "./mongo/import-from-mongo.js";

export interface ImportEnv {
  DATABASE_URL?: string | undefined;
  DATA_DIR?: string | undefined;
  SHARED_DATA_DIR?: string | undefined;
  MONGODB_URL?: string | undefined;
  LOG_LEVEL?: string | undefined;
}

const USAGE = "usage: npm run cli -- import [--data <dir|file>] [--from mongodb://…]";
const SHOWN_REJECTIONS = 20;

export async function importCommand(args: readonly string[], env: ImportEnv): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === "string") {
    console.error(`${options}\n${USAGE}`);
    return 2;
  }
  const mongoUrl = options.from ?? (options.data ? undefined : env.MONGODB_URL || undefined);
  if (mongoUrl && !/^mongodb(\+srv)?:\/\//u.test(mongoUrl)) {
    console.error(`--from: not a MongoDB URL (${mongoUrl})\n${USAGE}`);
    return 2;
  }
  const logger = createLogger("import", env.LOG_LEVEL ?? "warn");
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? "./data" });
  try {
    let reports: FileReport[];
    if (mongoUrl) {
      reports = await importFromMongo(db.pool, mongoUrl, logger);
    } else {
      const path = resolve(options.data ?? env.SHARED_DATA_DIR ?? "../shared/data");
      const files = (await stat(path)).isDirectory() ? await catalogueFilesIn(path) : [path];
      reports = await importCatalogueFiles(db.pool, files, logger);
    }
    printReports(reports);
    return reports.some((r) => r.error) ? 1 : 0;
  } finally {
    await db.close();
  }
}

function parseArgs(args: readonly string[]): { data?: string; from?: string } | string {
  const out: { data?: string; from?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag !== "--data" && flag !== "--from") return `unknown option ${flag ?? ""}`;
    if (!value || value.startsWith("--")) return `${flag}: value missing`;
    out[flag === "--data" ? "data" : "from"] = value;
    i++;
  }
  return out;
}

function printReports(reports: readonly FileReport[]): void {
  for (const r of reports) {
    const status = r.error ? `FAILED, nothing loaded: ${r.error}` : r.skipped ? `skipped: ${r.skipped}` : "ok";
    console.log(`${r.file}: ${r.kind ?? "-"}, loaded ${r.loaded}, rejected ${r.rejected.length} — ${status}`);
    for (const row of r.rejected.slice(0, SHOWN_REJECTIONS)) {
      console.log(`  line ${row.line}${row.id ? ` (${row.id})` : ""}: ${row.reason}`);
    }
    if (r.rejected.length > SHOWN_REJECTIONS) console.log(`  … ${r.rejected.length - SHOWN_REJECTIONS} more`);
  }
}
