// `npm run cli -- partners add|list|rotate|revoke`: partners' API keys, each secret shown once and never again.
import { parseArgs } from "node:util";
import type pg from "pg";
import { openDatabase, runMigrations } from "@wewall/shared";
import { externalApiMigrations } from "./migrations.js";
import { createPartnerKeys, partnerIdSchema, partnerScopeSchema } from "./partner-keys.js";

const USAGE = `usage: npm run cli -- partners add <partner> [--scopes dialogs,valuations,search,leads] [--callback-url URL]
       npm run cli -- partners list [<partner>]
       npm run cli -- partners rotate <key id>
       npm run cli -- partners revoke <key id>`;

export interface PartnersEnv {
  DATABASE_URL?: string | undefined;
  DATA_DIR?: string | undefined;
}

/** The command on a pool already open (tests call this); output goes to `print`. */
export async function runPartnersCommand(
  pool: pg.Pool,
  args: readonly string[],
  print: (line: string) => void,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { scopes: { type: "string" }, "callback-url": { type: "string" } },
  });
  const [action, subject] = positionals;
  await runMigrations(pool, "external-api", externalApiMigrations);
  const keys = createPartnerKeys(pool);
  if (action === "add" && subject) {
    const partnerId = partnerIdSchema.safeParse(subject);
    const scopes = partnerScopeSchema
      .array()
      .min(1)
      .safeParse((values.scopes ?? "dialogs,valuations,search,leads").split(","));
    if (!partnerId.success || !scopes.success) {
      print(
        `partners add: ${partnerId.success ? "scopes are among dialogs, valuations, search, leads" : partnerId.error.issues[0]?.message}`,
      );
      return 2;
    }
    const added = await keys.add({
      partnerId: partnerId.data,
      scopes: scopes.data,
      callbackUrl: values["callback-url"],
    });
    print(`partner ${partnerId.data}: key (shown once, keep it now)\n${added.key}`);
    print(`callback signing secret (Standard Webhooks)\n${added.callbackSecret}`);
    return 0;
  }
  if (action === "list") {
    for (const key of await keys.list(subject)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
      print(`${key.partnerId}\t${key.keyId}\t${key.scopes.join(",")}\t${key.createdAt.toISOString()}\t${state}`);
    }
    return 0;
  }
  if ((action === "rotate" || action === "revoke") && subject) {
    const done = action === "rotate" ? await keys.rotate(subject) : await keys.revoke(subject);
    if (!done) {
      print(`no active key ${subject}`);
      return 1;
    }
    print(
      typeof done === "string" ? `key ${subject} revoked; new key (shown once)\n${done}` : `key ${subject} revoked`,
    );
    return 0;
  }
  print(USAGE);
  return 2;
}

export async function partnersCommand(args: readonly string[], env: PartnersEnv): Promise<number> {
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR ?? "./data" });
  try {
    return await runPartnersCommand(db.pool, args, (line) => console.log(line));
  } finally {
    await db.close();
  }
}
