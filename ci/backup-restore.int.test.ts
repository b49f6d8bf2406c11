// ci/backup and ci/restore against the real PostgreSQL: back up, erase, restore, and the dialog is back.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAdmin, createTestDatabase, postgresServer, type TestDatabase } from "@wewall/test-support";
import { startTestCore, type TestCore } from "../src/testing/start-test-core.js";

const run = promisify(execFile);
const script = (name: string) => new URL(`./${name}`, import.meta.url).pathname;
let db: TestDatabase;
let core: TestCore;
let folder: string;

beforeAll(async () => {
  db = await createTestDatabase("wewall_backup");
  core = await startTestCore({}, db);
  folder = await mkdtemp(join(tmpdir(), "wewall-backup-"));
});
afterAll(async () => {
  await core?.close();
  await db?.close();
  await rm(folder, { recursive: true, force: true });
});

describe.skipIf(!postgresServer)("backup and restore with pg_dump", () => {
  it("brings back an erased dialog and its transcript", async () => {
    await core.say("telegram:501", "хочу купить квартиру");
    await core.say("telegram:501", "трёшку");
    const env = { ...process.env, DATABASE_URL: db.url };
    const file = join(folder, "wewall.dump");
    await run(script("backup"), [file], { env });

    const erased = await core.service.app.inject({
      method: "DELETE",
      url: "/v1/dialogs/telegram:501",
      headers: asAdmin,
    });
    expect(erased.statusCode).toBe(204);
    const gone = await core.service.app.inject({ method: "GET", url: "/v1/dialogs/telegram:501", headers: asAdmin });
    expect(gone.statusCode).toBe(404);

    await run(script("restore"), [file], { env });
    await core.restart();
    const view = await core.service.app.inject({ method: "GET", url: "/v1/dialogs/telegram:501", headers: asAdmin });
    expect(view.json()).toMatchObject({ slots: { intent: "search", rooms: 3 } });
    const transcript = await core.service.app.inject({
      method: "GET",
      url: "/v1/dialogs/telegram:501/transcript",
      headers: asAdmin,
    });
    expect(JSON.stringify(transcript.json())).toContain("трёшку");
  });

  it("refuses to run without a database or a file, saying which", async () => {
    const noUrl = await run(script("backup"), [], { env: { PATH: process.env.PATH } }).catch((error: unknown) => error);
    expect(String(noUrl)).toMatch(/DATABASE_URL must name/);
    const env = { PATH: process.env.PATH, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" };
    const noFile = await run(script("restore"), [], { env }).catch((error: unknown) => error);
    expect(String(noFile)).toMatch(/usage: ci\/restore FILE/);
  });
});
